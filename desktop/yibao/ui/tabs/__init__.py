"""The window's tabs, each built the first time it is shown."""
