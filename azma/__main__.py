"""`python -m azma`."""

from azma.cli import main

main()
