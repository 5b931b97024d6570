/*
 * html_file.c: one page file -> its bytes, gzip-compressed or not.
 *
 * zlib's gzread reads gzip members and passes other bytes through as they
 * are, so "page.html" and "page.html.gz" (any name: the bytes decide) are
 * read the same way; "-" is stdin. The page is capped at
 * NGI_HTML_MAX_BYTES after decompression (a small file that inflates past
 * the cap is refused without inflating the rest), and a corrupt gzip
 * stream is an error that says so.
 */
#include "html_int.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

ng_status ngi_html_read_file(const char *path, ngi_buf *out,
			     const char **why)
{
	int fd = strcmp(path, "-") == 0 ? dup(0) : open(path, O_RDONLY);
	if (fd < 0) {
		*why = strerror(errno);
		return errno == ENOENT ? NG_ERR_NOTFOUND : NG_ERR_IO;
	}
	gzFile g = gzdopen(fd, "rb");
	if (!g) {
		close(fd);
		*why = "out of memory";
		return NG_ERR_NOMEM;
	}
	gzbuffer(g, 1 << 16);
	ngi_buf_clear(out);
	ng_status st = NG_OK;
	char chunk[1 << 16];
	for (;;) {
		int n = gzread(g, chunk, sizeof chunk);
		if (n < 0) {
			int err;
			const char *msg = gzerror(g, &err);
			*why = err == Z_ERRNO ? strerror(errno)
			       : err == Z_DATA_ERROR ? "corrupt gzip data"
						     : (msg ? msg : "read error");
			st = err == Z_ERRNO ? NG_ERR_IO : NG_ERR_INPUT;
			break;
		}
		if (n == 0)
			break;
		if (out->len + (size_t)n > NGI_HTML_MAX_BYTES) {
			*why = "page larger than 32 MiB";
			st = NG_ERR_TOOBIG;
			break;
		}
		st = ngi_buf_append(out, chunk, (size_t)n);
		if (st != NG_OK) {
			*why = "out of memory";
			break;
		}
	}
	/* a truncated gzip stream reads as a short page: say so */
	if (st == NG_OK) {
		int err;
		gzerror(g, &err);
		if (err == Z_BUF_ERROR) {
			*why = "truncated gzip data";
			st = NG_ERR_INPUT;
		}
	}
	gzclose(g);
	return st;
}
