#!/usr/bin/env python
"""Django's usual entry point; `hrkit` (hrkit.cli) is the same with dashes allowed."""

from hrkit.cli import main

if __name__ == "__main__":
    main()
