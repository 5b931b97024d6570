/*
 * serve_cmd.c: PLACEHOLDER for `newsgraph serve`.
 */
#include "commands.h"

#include <stdio.h>

int cli_serve(int argc, char **argv)
{
	fprintf(stderr, "newsgraph: serve is not built yet\n");
	return 2;
}
