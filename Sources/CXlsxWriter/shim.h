#include <xlsxwriter.h>
#include <stdio.h>

/* Points C's stderr stream (where libxlsxwriter prints its diagnostics) at `file`; file
   descriptor 2, where the program writes its own log lines, is left alone. */
static inline void tuyengiao_redirect_c_stderr(FILE *file) { stderr = file; }
