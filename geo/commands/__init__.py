"""One module per `python -m geo` subcommand: configure(parser) and run(args) -> int."""
