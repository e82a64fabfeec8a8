import FuzzSupport

// Fuzz target: any bytes as a `.csv` log, through the reader `run` uses (encoding
// detection, UTF-16, legacy decoding, the CSV state machine, row interpretation). No input
// may crash or hang it, and every row read must be accounted for.
FuzzDriver.run(FuzzTarget.logFile(extension: "csv"))
