"""``python -m ringkas`` runs the command line."""

from ringkas.cli import main

raise SystemExit(main())
