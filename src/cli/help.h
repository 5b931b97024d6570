/*
 * help.h: the newsgraph command's help. The text lives in src/cli/help.txt;
 * tools/mkhelp.py turns it into the table cli_help_sections (in the
 * generated build/src/cli/help_text.c) and into the man page, so
 * `newsgraph --help`, `newsgraph help COMMAND`, `newsgraph COMMAND --help`
 * and `man newsgraph` say the same thing.
 */
#ifndef NG_CLI_HELP_H
#define NG_CLI_HELP_H

#include <stdio.h>

typedef struct cli_help_section {
	const char *name;    /* "usage" (the overview) or a command */
	const char *summary; /* one line */
	const char *text;    /* what is printed, ending in a newline */
} cli_help_section;

/* Ends with an entry whose name is NULL; "usage" comes first. */
extern const cli_help_section cli_help_sections[];

/* The overview (`newsgraph --help`). */
const char *cli_usage(void);

/* When argv asks for help (no command; "help [COMMAND]", "--help" or "-h"
 * as the command; or "--help" or "-h" after a command), prints it and sets
 * *exit_code (0, or 2 for no command or an unknown one); returns 1. Returns
 * 0 when argv asks for something else. */
int cli_help(int argc, char **argv, int *exit_code);

#endif
