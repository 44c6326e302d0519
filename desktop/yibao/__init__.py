"""山东职工医保测算：a desktop calculator for Shandong's employee basic medical insurance."""

__version__ = "0.1.0"
