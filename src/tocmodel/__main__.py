"""`python -m tocmodel`."""

from .cli import main

if __name__ == "__main__":  # not when the preview's reading process imports this module as the parent's main
    main()
