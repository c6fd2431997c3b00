"""``python -m tacitus`` runs the command-line interface."""

from tacitus.cli import main

if __name__ == "__main__":
    main()
