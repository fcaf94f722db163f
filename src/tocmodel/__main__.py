"""`python -m tocmodel`."""

from .cli import main

main()
