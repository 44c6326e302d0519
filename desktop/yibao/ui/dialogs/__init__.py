"""The window's dialogs: settings, history, local figures, the fund, help, messages, files and what they share."""
