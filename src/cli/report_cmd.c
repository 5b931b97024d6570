/*
 * report_cmd.c: PLACEHOLDER for `newsgraph report --html DIR`.
 */
#include "commands.h"

#include <stdio.h>

int cli_report(int argc, char **argv)
{
	fprintf(stderr, "newsgraph: report is not built yet\n");
	return 2;
}
