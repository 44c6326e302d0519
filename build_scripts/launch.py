"""PyInstaller's entry point for the app: the same ``yibao.cli:main`` as the ``yibao`` command."""

from yibao.cli import main

raise SystemExit(main())
