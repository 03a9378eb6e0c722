"""Reporters render a finished Report; they never re-read YAML or re-run rules."""
