/*
 * help.c: answers the command's requests for help from the table generated
 * out of src/cli/help.txt (help.h): the overview, and one command's text
 * for `newsgraph help COMMAND` and `newsgraph COMMAND --help`.
 */
#include "help.h"

#include <string.h>

const char *cli_usage(void)
{
	return cli_help_sections[0].text;
}

static const cli_help_section *find(const char *command)
{
	for (const cli_help_section *s = cli_help_sections + 1; s->name; s++)
		if (!strcmp(s->name, command))
			return s;
	return NULL;
}

static int is_help_flag(const char *a)
{
	return !strcmp(a, "--help") || !strcmp(a, "-h");
}

/* Prints one command's help on stdout (0), or says it is unknown (2). */
static int print_command(const char *command)
{
	const cli_help_section *s = find(command);
	if (!s) {
		fprintf(stderr, "newsgraph: unknown command %s\n%s", command,
			cli_usage());
		return 2;
	}
	fputs(s->text, stdout);
	return 0;
}

int cli_help(int argc, char **argv, int *exit_code)
{
	if (argc < 2) {
		fputs(cli_usage(), stderr);
		*exit_code = 2;
		return 1;
	}
	const char *first = argv[1];
	if (!strcmp(first, "help") || is_help_flag(first)) {
		if (argc > 2) {
			/* "help --help" is help's own */
			*exit_code = print_command(
				is_help_flag(argv[2]) ? "help" : argv[2]);
		} else {
			fputs(cli_usage(), stdout);
			*exit_code = 0;
		}
		return 1;
	}
	for (int i = 2; i < argc; i++)
		if (is_help_flag(argv[i])) {
			*exit_code = print_command(first);
			return 1;
		}
	return 0;
}
