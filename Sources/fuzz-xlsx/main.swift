import FuzzSupport

// Fuzz target: any bytes as a `.xlsx` log: the bounded zip extraction, the sheet XML
// reader and the grid ingest. A refused workbook costs that file; nothing may crash.
FuzzDriver.run(FuzzTarget.logFile(extension: "xlsx"))
