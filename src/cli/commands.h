/*
 * commands.h: the commands that live in their own files and parse their own
 * options (argv[0] is the command's name): serve (serve_cmd.c) and report
 * (report_cmd.c). Each returns the exit status (main.c's EXIT_* values).
 */
#ifndef NG_CLI_COMMANDS_H
#define NG_CLI_COMMANDS_H

int cli_serve(int argc, char **argv);
int cli_report(int argc, char **argv);

#endif
