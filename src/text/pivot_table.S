/*
 * pivot_table.S: embeds the pivot dictionary that tools/mkpivot wrote
 * (NGX_PIVOT_BIN, given by the Makefile: $(BUILD)/pivot.bin) as read-only
 * data, so the library needs no file at run time. pivot.c reads it between
 * ngx_pivot_table and ngx_pivot_table_end; both names are hidden from the
 * shared library's symbols.
 */
	.section .rodata
	.balign 16
	.globl ngx_pivot_table
	.hidden ngx_pivot_table
	.type ngx_pivot_table, @object
ngx_pivot_table:
	.incbin NGX_PIVOT_BIN
	.size ngx_pivot_table, . - ngx_pivot_table
	.globl ngx_pivot_table_end
	.hidden ngx_pivot_table_end
ngx_pivot_table_end:
	.byte 0
	.section .note.GNU-stack,"",@progbits
