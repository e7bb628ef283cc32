/* Listing mode (see listing.h). */
#include "listing.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "logfmt.h"

/* "drwxr-xr-x" as ls(1) and rsync's permstring print it. */
static void perms(uint32_t mode, char out[11])
{
	static const char rwx[] = "rwxrwxrwx";

	memcpy(out, "----------", 11);
	for (int i = 0; i < 9; i++)
		if (mode & (1u << (8 - i)))
			out[1 + i] = rwx[i];
	if (mode & S_ISUID)
		out[3] = (mode & S_IXUSR) ? 's' : 'S';
	if (mode & S_ISGID)
		out[6] = (mode & S_IXGRP) ? 's' : 'S';
	if (mode & WIRE_MODE_ISVTX)
		out[9] = (mode & S_IXOTH) ? 't' : 'T';
	out[0] = S_ISDIR(mode) ? 'd' : S_ISLNK(mode) ? 'l' : S_ISBLK(mode) ? 'b'
		 : S_ISCHR(mode) ? 'c' : S_ISSOCK(mode) ? 's' : S_ISFIFO(mode) ? 'p' : '-';
}

/* rsync's timestring: local time, "YYYY/MM/DD hh:mm:ss". */
static void timestr(int64_t t, char out[48])
{
	time_t tt = (time_t)t;
	struct tm tm;

	if ((int64_t)tt != t || !localtime_r(&tt, &tm)) {
		snprintf(out, 48, "(time out of range)");
		return;
	}
	snprintf(out, 48, "%4d/%02d/%02d %02d:%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1,
		 tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

int listing_line(const struct listing_format *f, const struct fentry *e, char *out)
{
	int size_width = f->human ? 14 : 11;
	char mtime[48], atime[48] = "", crtime[48] = "", mode[11], num[LOGFMT_NUM_SIZE];
	int twidth, awidth, cwidth, n;

	timestr(e->mtime, mtime);
	twidth = 1 + (int)strlen(mtime);
	awidth = f->atimes ? twidth : 0;
	cwidth = f->crtimes ? twidth : 0;
	if (f->missing_delete && e->mode == 0) {
		n = snprintf(out, LISTING_LINE_MAX, "%-*s %s",
			     10 + 1 + size_width + twidth + awidth + cwidth, "*missing", e->name);
	} else {
		if (f->atimes && !S_ISDIR(e->mode))
			timestr(e->atime, atime);
		if (f->crtimes)
			timestr(e->crtime, crtime);
		perms(e->mode, mode);
		n = snprintf(out, LISTING_LINE_MAX, "%s %*s %s%*s%*s %s%s%s", mode, size_width,
			     logfmt_num(e->size, f->human, num, sizeof num), mtime, awidth, atime,
			     cwidth, crtime, e->name,
			     f->links && S_ISLNK(e->mode) && e->link ? " -> " : "",
			     f->links && S_ISLNK(e->mode) && e->link ? e->link : "");
	}
	if (n >= LISTING_LINE_MAX)
		n = LISTING_LINE_MAX - 1;
	return n < 0 ? 0 : n;
}

static void print_entry(struct report *r, const struct listing_format *f, const struct fentry *e)
{
	char line[LISTING_LINE_MAX + 1];
	int n = listing_line(f, e, line);

	if (r->log) {
		/* rsync's list lines are info lines: logged even with -q */
		line[n] = '\n';
		line[n + 1] = '\0';
		report_log(r, line);
	}
	if (r->quiet)
		return;
	report_escaped(r, r->out, line, (size_t)n);
	fputc('\n', r->out);
}

void listing_print(struct report *r, const struct listing_format *f, const struct flist *fl,
		   const struct dirlist *dirs)
{
	if (f->inc_recurse && fl->parent_ndx >= 0 && dirs && fl->parent_ndx < dirs->used)
		print_entry(r, f, &dirs->dirs[fl->parent_ndx]);
	for (int i = 0; i < fl->used; i++) {
		const struct fentry *e = &fl->files[i];
		/* a directory in an incremental list is listed with its own list */
		if (f->inc_recurse && S_ISDIR(e->mode))
			continue;
		print_entry(r, f, e);
	}
	fflush(r->out);
}
