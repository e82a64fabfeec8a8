import FuzzSupport

// Fuzz target: any bytes as a `.ods` log: the bounded zip extraction, the streaming XML
// reader over content.xml and the grid ingest. A refused workbook costs
// that file; nothing may crash.
FuzzDriver.run(FuzzTarget.logFile(extension: "ods"))
