"""The commands behind ``mocap``: each takes explicit arguments and returns an exit code."""

EXIT_CLEAN, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
