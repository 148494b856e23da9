/* start.S - an assembler file, as a bear database of a real project lists. */
#include "asm_defs.h"
	.globl	_start
_start:
	call	main
