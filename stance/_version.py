"""The version of stance, in a module of its own: the modules that record it in the files they
write import it from here, never from the package root (which imports them)."""

__version__ = "0.1.0"
