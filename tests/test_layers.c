/*
 * test_layers.c: the folders of src/ are the pipeline, and a folder includes
 * only the folders below it (docs/ARCHITECTURE.md, "Layering"). Reads every
 * source file's #include lines (run from the repository root, as make test
 * does) and checks them against the table below, so an include that points
 * up the pipeline fails here instead of in review.
 */
#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

/* Each folder and the folders it may include ("" for none). */
static const struct {
	const char *folder;
	const char *may_include;
} layers[] = {
	{"base", ""},
	{"read", "base"},
	{"text", "base"},
	{"extract", "base read text"},
	{"sketch", "base text extract"},
	{"link", "base text extract sketch"},
	{"stance", "base text extract sketch"},
	{"store", "base read text extract sketch link stance"},
	{"engine", "base read text extract sketch link store stance"},
	{"report", "base read text extract sketch link store engine stance"},
	{"eval", "base read text extract sketch link store engine stance"},
	/* the distributed ingest (Open MPI): a client of the engine's seams,
	 * outside the library, linked into the command */
	{"dist", "base read text extract sketch link store engine stance"},
	/* clients of the public API outside the library: the web view's
	 * pages, the HTTP server that serves them and the API, the command */
	{"web", "base"},
	{"serve", "base web"},
	{"cli", "eval serve web dist"},
};

/* Whether word is one of the space-separated words of list. */
static int in_list(const char *list, const char *word, size_t n)
{
	for (const char *p = list; *p;) {
		size_t k = strcspn(p, " ");
		if (k == n && memcmp(p, word, n) == 0)
			return 1;
		p += k;
		p += *p == ' ';
	}
	return 0;
}

/* Checks the includes of one file; returns how many lines it read. */
static int check_file(const char *folder, const char *allowed, const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	char line[512];
	int lines = 0;
	while (fgets(line, sizeof line, f)) {
		lines++;
		const char *p = line;
		if (strncmp(p, "#include \"", 10) != 0)
			continue;
		p += 10;
		if (strncmp(p, "../", 3) != 0)
			continue; /* the folder's own headers */
		p += 3;
		size_t n = strcspn(p, "/\"");
		if (p[n] != '/')
			continue;
		CHECK_MSG(in_list(allowed, p, n), "%s includes %.*s/ (%s may include: %s)",
			  path, (int)n, p, folder, *allowed ? allowed : "nothing");
	}
	fclose(f);
	return lines;
}

int main(void)
{
	int files = 0;
	for (size_t i = 0; i < sizeof layers / sizeof *layers; i++) {
		char dir[64];
		snprintf(dir, sizeof dir, "src/%s", layers[i].folder);
		DIR *d = opendir(dir);
		if (!d)
			continue; /* a layer the tree does not have (yet) */
		struct dirent *e;
		while ((e = readdir(d)) != NULL) {
			const char *dot = strrchr(e->d_name, '.');
			if (!dot || (strcmp(dot, ".c") && strcmp(dot, ".h") &&
				     strcmp(dot, ".cc")))
				continue;
			char path[200];
			if (strlen(dir) + strlen(e->d_name) + 2 > sizeof path)
				continue;
			memcpy(path, dir, strlen(dir));
			path[strlen(dir)] = '/';
			strcpy(path + strlen(dir) + 1, e->d_name);
			files += check_file(layers[i].folder, layers[i].may_include,
					    path) > 0;
		}
		closedir(d);
	}
	/* every folder of src/ is in the table */
	DIR *d = opendir("src");
	CHECK_MSG(d != NULL, "cannot open src (run from the repository root)");
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		int known = 0;
		for (size_t i = 0; i < sizeof layers / sizeof *layers; i++)
			known |= strcmp(layers[i].folder, e->d_name) == 0;
		CHECK_MSG(known, "src/%s is not in test_layers.c's table", e->d_name);
	}
	if (d)
		closedir(d);
	CHECK_MSG(files > 50, "read only %d source files", files);
	return check_report("layers");
}
