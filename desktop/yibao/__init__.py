"""山东职工医保测算：a desktop calculator for Shandong's employee basic medical insurance.

The version is defined once, in pyproject.toml: ``yibao.version.app_version()``.
"""
