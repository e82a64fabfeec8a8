import FuzzSupport

// Fuzz target: any bytes as a `.xls` log: FreeXL and the grid ingest. A refused workbook costs
// that file; nothing may crash.
FuzzDriver.run(FuzzTarget.logFile(extension: "xls"))
