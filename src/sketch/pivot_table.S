/*
 * pivot_table.S: embeds the pivot dictionary that tools/mkpivot wrote
 * (NGI_PIVOT_BIN, given by the Makefile: $(BUILD)/pivot.bin) as read-only
 * data, so the library needs no file at run time. pivot.c reads it between
 * ngi_pivot_table and ngi_pivot_table_end; both names are hidden from the
 * shared library's symbols.
 */
	.section .rodata
	.balign 16
	.globl ngi_pivot_table
	.hidden ngi_pivot_table
	.type ngi_pivot_table, @object
ngi_pivot_table:
	.incbin NGI_PIVOT_BIN
	.size ngi_pivot_table, . - ngi_pivot_table
	.globl ngi_pivot_table_end
	.hidden ngi_pivot_table_end
ngi_pivot_table_end:
	.byte 0
	.section .note.GNU-stack,"",@progbits
