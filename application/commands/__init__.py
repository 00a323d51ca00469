"""Commands: what a caller asks the application to do, as values."""
