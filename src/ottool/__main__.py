"""`python -m ottool`."""

from ottool.cli import main

main()
