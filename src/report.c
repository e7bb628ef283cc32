#include "report.h"

#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "logfile.h"
#include "logfmt.h"
#include "progress.h"
#include "sendstream.h"
#include "stderr_label.h"
#include "wire.h"

void report_init(struct report *r, FILE *out, FILE *err, int quiet)
{
	memset(r, 0, sizeof *r);
	r->out = out;
	r->err = err;
	r->quiet = quiet;
}

/* Length of a valid UTF-8 sequence at s (at most len bytes), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t len)
{
	size_t n;
	uint32_t cp;

	if (s[0] < 0xC2 || s[0] > 0xF4)
		return 0;
	n = s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : 4;
	if (len < n)
		return 0;
	cp = s[0] & (0x7F >> n);
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3F);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

void report_escaped(const struct report *r, FILE *f, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		int esc;

		if (c >= 0x80) {
			size_t n = r->allow_8bit ? 1 : r->utf8 ? utf8_seq(s + i, len - i) : 0;
			if (n) {
				fwrite(s + i, 1, n, f);
				i += n;
				continue;
			}
			esc = 1;
		} else if (c == '\\') {
			/* Escape a backslash that would read as one of our escapes. */
			esc = i + 4 < len && s[i + 1] == '#' && s[i + 2] >= '0' &&
			      s[i + 2] <= '9' && s[i + 3] >= '0' && s[i + 3] <= '9' &&
			      s[i + 4] >= '0' && s[i + 4] <= '9';
		} else
			esc = c < ' ' && c != '\t';
		if (esc)
			fprintf(f, "\\#%03o", c);
		else
			fputc(c, f);
		i++;
	}
}

/* Any line ends an open progress line first (rsync's
 * output_needs_newline). */
static void line_start(const struct report *r)
{
	if (r->progress)
		progress_break_line(r->progress);
}

/* A message to the log, if any. */
static void log_msg(struct report *r, int warning, const char *msg, size_t len)
{
	if (r->log)
		logfile_write(r->log, warning, msg, len);
}

void report_log(struct report *r, const char *line)
{
	log_msg(r, 0, line, strlen(line));
}

void report_server_msg(struct report *r, int tag, const unsigned char *data,
		       size_t len)
{
	FILE *f = r->out;
	char trailing = 0;

	/* rsync logs what a server says before it looks at -q */
	if (tag != MSG_CLIENT)
		log_msg(r, tag != MSG_INFO && tag != MSG_LOG, (const char *)data, len);
	switch (tag) {
	case MSG_ERROR_XFER:
		r->got_xfer_error = 1;
		/* fall through */
	case MSG_ERROR:
	case MSG_ERROR_UTF8:
	case MSG_ERROR_SOCKET:
	case MSG_WARNING:
		f = r->err;
		break;
	case MSG_LOG:
		return;
	default:
		if (r->quiet)
			return;
	}
	line_start(r);
	if (f == r->err)
		fflush(r->out);
	if (len && (data[len - 1] == '\n' || data[len - 1] == '\r'))
		trailing = (char)data[--len];
	if (len && data[0] == '\r') {
		fputc('\r', f);
		data++;
		len--;
	}
	report_escaped(r, f, (const char *)data, len);
	if (trailing)
		fputc(trailing, f);
	fflush(f);
}

void report_shell_line(struct report *r, const char *tag, const char *line, size_t len)
{
	line_start(r);
	fflush(r->out);		/* stdout and stderr may be one terminal */
	fputs(tag, r->err);
	fwrite(line, 1, len, r->err);
	fputc('\n', r->err);
	fflush(r->err);
}

/* "HEAD" and the formatted text and a newline into line; the length. */
static size_t head_line(char *line, size_t cap, const char *head, const char *fmt, va_list ap)
{
	size_t h = strlen(head);
	int n;

	memcpy(line, head, h);
	n = vsnprintf(line + h, cap - h - 1, fmt, ap);
	if (n < 0)
		n = 0;
	if ((size_t)n > cap - h - 2)
		n = (int)(cap - h - 2);
	line[h + (size_t)n] = '\n';
	return h + (size_t)n + 1;
}

void report_fatal(struct report *r, int code, const char *fmt, ...)
{
	char line[8192];
	va_list ap;
	size_t n;

	/* what a shell said before (say, why ssh failed) comes first */
	if (r->shells)
		stderr_label_drain(r->shells, r);
	line_start(r);
	fflush(r->out);
	va_start(ap, fmt);
	n = head_line(line, sizeof line, "rsync-relay: ", fmt, ap);
	va_end(ap);
	/* a server's names and words may be in it: escaped as rsync does */
	report_escaped(r, r->err, line, n - 1);
	fputc('\n', r->err);
	fflush(r->err);
	if (!r->fatal)
		r->fatal = code;
	log_msg(r, 1, line, n);
}

void report_fatal_line(struct report *r, int code, const char *fmt, ...)
{
	char line[8192];	/* a whole name and more */
	va_list ap;
	size_t n;

	line_start(r);
	fflush(r->out);
	va_start(ap, fmt);
	n = head_line(line, sizeof line, "", fmt, ap);
	va_end(ap);
	/* names in the line are the peer's bytes */
	report_escaped(r, r->err, line, n - 1);
	fputc('\n', r->err);
	fflush(r->err);
	if (!r->fatal)
		r->fatal = code;
	log_msg(r, 1, line, n);
}

void report_stop(struct report *r, int code)
{
	line_start(r);
	if (!r->fatal)
		r->fatal = code;
}

void report_warn(struct report *r, const char *fmt, ...)
{
	char line[4096];
	va_list ap;
	size_t n;

	line_start(r);
	fflush(r->out);
	va_start(ap, fmt);
	n = head_line(line, sizeof line, "rsync-relay: warning: ", fmt, ap);
	va_end(ap);
	report_escaped(r, r->err, line, n - 1);
	fputc('\n', r->err);
	fflush(r->err);
	log_msg(r, 1, line, n);
}

static const struct {
	int code;
	const char *text;
} code_texts[] = {
	{ RERR_SYNTAX, "syntax or usage error" },
	{ RERR_PROTOCOL, "protocol incompatibility" },
	{ RERR_FILESELECT, "errors selecting input/output files, dirs" },
	{ RERR_UNSUPPORTED, "requested action not supported" },
	{ RERR_STARTCLIENT, "error starting client-server protocol" },
	{ RERR_SOCKETIO, "error in socket IO" },
	{ RERR_FILEIO, "error in file IO" },
	{ RERR_STREAMIO, "error in rsync protocol data stream" },
	{ RERR_MESSAGEIO, "errors with program diagnostics" },
	{ RERR_IPC, "error in IPC code" },
	{ RERR_SIGNAL, "received SIGINT, SIGTERM, or SIGHUP" },
	{ RERR_MALLOC, "error allocating core memory buffers" },
	{ RERR_PARTIAL, "some files/attrs were not transferred (see previous errors)" },
	{ RERR_VANISHED, "some files vanished before they could be transferred" },
	{ RERR_DEL_LIMIT, "the --max-delete limit stopped deletions" },
	{ RERR_TIMEOUT, "timeout in data send/receive" },
	{ RERR_CONTIMEOUT, "timeout waiting for daemon connection" },
	{ RERR_CMD_FAILED, "remote shell failed" },
	{ RERR_CMD_KILLED, "remote shell killed" },
	{ RERR_CMD_RUN, "remote command could not be run" },
	{ RERR_CMD_NOTFOUND, "remote command not found" },
};

const char *report_code_text(int code)
{
	for (size_t i = 0; i < sizeof code_texts / sizeof *code_texts; i++)
		if (code_texts[i].code == code)
			return code_texts[i].text;
	return "unexplained error";
}

int report_exit_code(const struct report *r, int src_code, int dest_code)
{
	int code = r->fatal;

	if (r->remote_exit > code)
		code = r->remote_exit;
	/* rsync's client takes the larger of its own and its child's code
	 * when the child has ended first; when the relay gave up by itself
	 * the servers only saw it leave. */
	if (!r->fatal || r->peer_lost) {
		if (src_code > code)
			code = src_code;
		if (dest_code > code)
			code = dest_code;
	}
	if (code == 0) {
		if (r->io_error & IOERR_DEL_LIMIT)
			code = RERR_DEL_LIMIT;
		if (r->io_error & IOERR_VANISHED)
			code = RERR_VANISHED;
		if ((r->io_error & IOERR_GENERAL) || r->got_xfer_error)
			code = RERR_PARTIAL;
	}
	return code;
}

void report_exit_line(const struct report *r, int code)
{
	char line[256];
	int n;

	if (!code)
		return;
	fflush(r->out);
	n = snprintf(line, sizeof line, "rsync error: %s (code %d) at relay [client=rsync-relay %s]\n",
		     report_code_text(code), code, PACKAGE_VERSION);
	fputs(line, r->err);
	fflush(r->err);
	if (r->log && n > 0)
		logfile_write(r->log, 1, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}


#define ITEM_LOCAL_CHANGE_BIT (1 << 14)
#define ITEM_SIGNIFICANT (0xFFFF & ~((1 << 11) | (1 << 12) | ITEM_LOCAL_CHANGE_BIT))

/* The line of fmt for li into line; -1 when there is none.  A format
 * rsync gives up on ends the run at its first line. */
static int format_item(struct report *r, const struct item_format *f, struct logfmt_item *li,
		       const char *fmt, char *line, size_t cap)
{
	int n;

	li->now = (int64_t)time(NULL);
	li->pid = (long)getpid();
	li->dry_run = f->dry_run;
	li->protocol = f->protocol;
	li->preserve_uid = f->preserve_uid;
	li->preserve_gid = f->preserve_gid;
	li->preserve_mtimes = f->preserve_mtimes;
	li->receiver_symlink_times = 1;
	li->checksum_bytes_len = f->sum_len;
	li->checksum_order = (enum logfmt_sum_order)f->sum_order;
	n = logfmt_line(fmt, li, line, cap);
	if (n == LOGFMT_TOO_LONG) {
		/* rsync gives up on such a format at its first line */
		if (!r->fatal)
				report_fatal(r, RERR_MESSAGEIO, strlen(fmt) > 4096
				     ? "log-format string is WAY too long!"
				     : "buffer overflow expanding the --out-format -- exiting");
		return -1;
	}
	return n;
}

static void print_line(struct report *r, const struct item_format *f, struct logfmt_item *li,
		       const char *fmt)
{
	char line[16384];
	int n = format_item(r, f, li, fmt, line, sizeof line);

	if (n < 0 || r->quiet)
		return;
	line_start(r);
	report_escaped(r, r->out, line, (size_t)n);
	fputc('\n', r->out);
}

/* The log file's line for li in its format (rsync's log_formatted with
 * FLOG). */
static void log_line(struct report *r, const struct item_format *f, struct logfmt_item *li,
		     const char *fmt)
{
	char line[16384];
	int n = format_item(r, f, li, fmt, line, sizeof line - 1);

	if (n < 0)
		return;
	line[n++] = '\n';
	log_msg(r, 0, line, (size_t)n);
}

static void item_to_logfmt(const struct item_view *it, struct logfmt_item *li)
{
	memset(li, 0, sizeof *li);
	li->name = it->name;
	li->mode = it->mode;
	li->size = it->size;
	li->mtime = it->mtime;
	li->uid = it->uid;
	li->gid = it->gid;
	li->link = it->link;
	li->hlink = it->xname;
	li->iflags = it->iflags;
	li->bytes = it->bytes;
	li->checksum = it->sum;
}

/* Whether rsync's receiving client logs a record that is no transfer
 * (its maybe_log_item): when it shows something, judged by the
 * --out-format's %i. */
static int record_shown(const struct item_format *f, const struct item_view *it)
{
	int significant = it->iflags & ITEM_SIGNIFICANT;
	int see = f->has_i && (significant || *it->xname || f->has_i > 1 || f->name_level > 1);
	int local_change = (it->iflags & ITEM_LOCAL_CHANGE_BIT) && significant;

	return see || local_change || *it->xname || (S_ISDIR(it->mode) && significant);
}

void report_item(struct report *r, const struct item_format *f, const struct item_view *it)
{
	struct logfmt_item li;

	if (!f->fmt || (!it->transferred && !record_shown(f, it)))
		return;
	item_to_logfmt(it, &li);
	print_line(r, f, &li, f->fmt);
}

/* With -v and a log format without %i, rsync's generator logs by name
 * what it made or changed itself: a directory ("NAME/"), a symlink
 * ("NAME -> TARGET"), a device or special ("NAME"), a hard link ("NAME =>
 * TARGET").  Here the destination's generator made them, and the items
 * it reported say which. */
static int generator_names(const struct item_view *it)
{
	int significant = it->iflags & ITEM_SIGNIFICANT;
	int local_change = (it->iflags & ITEM_LOCAL_CHANGE_BIT) && significant;

	if (S_ISDIR(it->mode))
		return significant;
	if (S_ISREG(it->mode))
		return local_change && *it->xname;
	return local_change;
}

/* rsync's receiving client logs a transfer once its data is in (never
 * in a dry run), and a record that is no transfer when it is shown and
 * is significant or the log's format has %i. */
static void log_item(struct report *r, const struct item_format *f, const struct item_view *it)
{
	struct logfmt_item li;

	if (!r->log || !f->log_fmt)
		return;
	item_to_logfmt(it, &li);
	if (!it->transferred && f->name_level >= 1 && !f->log_has_i && generator_names(it))
		log_line(r, f, &li, "%n%L");
	if (!*f->log_fmt || (it->transferred && f->dry_run))
		return;
	if (!it->transferred &&
	    (!record_shown(f, it) || (!(it->iflags & ITEM_SIGNIFICANT) && !f->log_has_i)))
		return;
	log_line(r, f, &li, f->log_fmt);
}

static void stream_view(const struct item_format *f, const struct sendstream *ss,
			struct item_view *it)
{
	const struct fentry *e = ss->item;
	int done = ss->state != SS_SUMHEAD; /* a transfer logged after its data */
	int xfer = (ss->item_iflags & ITEM_TRANSFER) != 0;

	*it = (struct item_view){
		.name = e->name, .mode = e->mode, .size = e->size, .mtime = e->mtime,
		.uid = e->uid, .gid = e->gid, .link = e->link,
		/* rsync's receiver logs a transfer without its xname: there it
		 * names a basis (a fuzzy match, an alternate dest), never a
		 * hard link's target */
		.xname = xfer ? "" : ss->item_xname,
		.iflags = ss->item_iflags, .transferred = xfer,
		.bytes = done ? ss->item_bytes : 0,
		/* %C: with -c the file list's checksum, else the transfer's */
		.sum = f->file_sums ? e->sum
		       : done && xfer && ss->p.do_xfers ? ss->item_sum : NULL,
	};
}

void report_stream_item(struct report *r, const struct item_format *f,
			const struct sendstream *ss)
{
	struct item_view it;

	stream_view(f, ss, &it);
	report_item(r, f, &it);
}

void report_stream_log(struct report *r, const struct item_format *f,
		       const struct sendstream *ss, int ev)
{
	struct item_view it;
	int xfer = (ss->item_iflags & ITEM_TRANSFER) != 0;

	if (!r->log || !ss->item)
		return;
	if ((xfer && (ev & SS_EV_XFER_END)) || (!xfer && (ev & SS_EV_ITEM))) {
		stream_view(f, ss, &it);
		log_item(r, f, &it);
	}
}

void report_deleted(struct report *r, const struct item_format *f, const unsigned char *data,
		    size_t len)
{
	char name[4200];
	struct logfmt_item li;

	/* rsync's log_delete: "deleting NAME" unless the format shows %i/%o;
	 * in the log too (even with an empty format), unless dry */
	int logged = r->log && f->log_fmt && !f->dry_run;

	if (!f->fmt && f->del_level < 1 && !logged)
		return;
	memset(&li, 0, sizeof li);
	li.mode = WIRE_MODE_IFREG;
	if (len && data[len - 1] == '\0') {
		li.mode = WIRE_MODE_IFDIR;
		len--;
	}
	if (len >= sizeof name)
		len = sizeof name - 1;
	memcpy(name, data, len);
	name[len] = '\0';
	li.name = name;
	li.is_delete = 1;
	li.iflags = ITEM_DELETED;
	if (f->fmt || f->del_level >= 1)
		print_line(r, f, &li, f->fmt ? f->fmt : "deleting %n");
	if (logged)
		log_line(r, f, &li, f->log_has_o_or_i ? f->log_fmt : "deleting %n");
}

void report_text_line(struct report *r, const char *line)
{
	size_t len = strlen(line);

	if (r->log) {
		char msg[2048];

		if (len > sizeof msg - 2)
			len = sizeof msg - 2;
		memcpy(msg, line, len);
		msg[len] = '\n';
		log_msg(r, 0, msg, len + 1);
	}
	if (!r->quiet) {
		line_start(r);
		report_escaped(r, r->out, line, strlen(line));
		fputc('\n', r->out);
		fflush(r->out);
	}
}

void report_info(struct report *r, const char *line)
{
	if (!r->quiet) {
		line_start(r);
		fputs(line, r->out);
		fflush(r->out);
	}
}

/* One of rsync's FINFO lines of the summary: printed unless -q, logged
 * even then. */
static void say(struct report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct report *r, const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (!r->quiet)
		fputs(line, r->out);
	log_msg(r, 0, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}

/* rsync's blank lines around the summary are for the terminal only */
static void blank(struct report *r)
{
	if (!r->quiet)
		fputc('\n', r->out);
}

/* "Number of files: 5 (reg: 3, dir: 2)" (rsync's output_itemized_counts) */
static void itemized_counts(struct report *r, const char *what, const int *counts)
{
	static const char *const labels[SK_KINDS] = {"reg", "dir", "link", "dev", "special"};
	char num[LOGFMT_NUM_SIZE], line[256];
	int by_kind[SK_KINDS];
	size_t n;

	snprintf(line, sizeof line, "%s: %s", what, logfmt_num(counts[SK_ALL], 1, num, sizeof num));
	if (counts[SK_ALL]) {
		const char *sep = " (";
		by_kind[0] = counts[SK_ALL];
		for (int k = 1; k < SK_KINDS; k++) {
			by_kind[k] = counts[k];
			by_kind[0] -= counts[k];
		}
		for (int k = 0; k < SK_KINDS; k++) {
			if (!by_kind[k])
				continue;
			n = strlen(line);
			snprintf(line + n, sizeof line - n, "%s%s: %s", sep, labels[k],
				 logfmt_num(by_kind[k], 1, num, sizeof num));
			sep = ", ";
		}
		n = strlen(line);
		snprintf(line + n, sizeof line - n, ")");
	}
	say(r, "%s\n", line);
}

/* "Source link: sent N bytes  received N bytes  connected in S seconds":
 * the relay's own count of one ssh connection. */
static void link_line(struct report *r, const char *label, const struct link_figures *l,
		      const struct run_summary *s)
{
	char a[LOGFMT_NUM_SIZE], b[LOGFMT_NUM_SIZE], c[LOGFMT_NUM_SIZE];

	fprintf(r->out, "%s link: sent %s bytes  received %s bytes  connected in %s seconds\n",
		label, logfmt_num((int64_t)l->sent, s->human, a, sizeof a),
		logfmt_num((int64_t)l->received, s->human, b, sizeof b),
		logfmt_dnum((double)l->connect_ms / 1000, s->human != 0, 3, c, sizeof c));
}

static void link_lines(struct report *r, const struct run_summary *s)
{
	link_line(r, "Source", &s->src, s);
	if (!s->listing)
		link_line(r, "Destination", &s->dest, s);
}

/* rsync's --stats block, from "Number of files" to "Total bytes
 * received", then the relay's lines per link. */
static void stats_block(struct report *r, const struct run_summary *s)
{
	const struct xfer_stats *st = &s->st;
	char a[LOGFMT_NUM_SIZE];
	int h = s->human, comma = s->human != 0;

	blank(r);
	itemized_counts(r, "Number of files", st->num_files);
	if (s->protocol >= 29)
		itemized_counts(r, "Number of created files", st->created);
	if (s->protocol >= 31)
		itemized_counts(r, "Number of deleted files", st->deleted);
	say(r, "Number of regular files transferred: %s\n",
	    logfmt_num(st->xferred_files, comma, a, sizeof a));
	say(r, "Total file size: %s bytes\n", logfmt_num(s->total_size, h, a, sizeof a));
	say(r, "Total transferred file size: %s bytes\n",
	    logfmt_num(st->total_transferred_size, h, a, sizeof a));
	say(r, "Literal data: %s bytes\n", logfmt_num(st->literal_data, h, a, sizeof a));
	say(r, "Matched data: %s bytes\n", logfmt_num(st->matched_data, h, a, sizeof a));
	say(r, "File list size: %s\n", logfmt_num(st->flist_size, h, a, sizeof a));
	if (s->flist_buildtime) {
		say(r, "File list generation time: %s seconds\n",
		    logfmt_dnum((double)s->flist_buildtime / 1000, comma, 3, a, sizeof a));
		say(r, "File list transfer time: %s seconds\n",
		    logfmt_dnum((double)s->flist_xfertime / 1000, comma, 3, a, sizeof a));
	}
	say(r, "Total bytes sent: %s\n", logfmt_num((int64_t)s->sent, h, a, sizeof a));
	say(r, "Total bytes received: %s\n", logfmt_num((int64_t)s->received, h, a, sizeof a));
	if (!r->quiet)
		link_lines(r, s);
}

void report_summary(struct report *r, const struct run_summary *s)
{
	char a[LOGFMT_NUM_SIZE], b[LOGFMT_NUM_SIZE], c[LOGFMT_NUM_SIZE];
	double bytes = (double)s->sent + (double)s->received;

	if (r->quiet && !r->log)
		return;
	if (r->progress && !r->quiet)
		progress_finish(r->progress);
	if (s->stats_level >= 2)
		stats_block(r, s);
	if (s->stats_level >= 1) {
		/* rsync's two lines, with a pulling client's counts; -vv
		 * shows the links' own first */
		blank(r);
		if (s->stats_level < 2 && s->link_lines && !r->quiet)
			link_lines(r, s);
		say(r, "sent %s bytes  received %s bytes  %s bytes/sec\n",
		    logfmt_num((int64_t)s->sent, s->human, a, sizeof a),
		    logfmt_num((int64_t)s->received, s->human, b, sizeof b),
		    logfmt_dnum(bytes / s->seconds, s->human, 2, c, sizeof c));
		say(r, "total size is %s  speedup is %s%s\n",
		    logfmt_num(s->total_size, s->human, a, sizeof a),
		    logfmt_dnum(bytes ? (double)s->total_size / bytes : 0.0, s->human != 0, 2, b,
				sizeof b),
		    s->dry_run ? " (DRY RUN)" : "");
	}
	fflush(r->out);
}

void report_log_totals(struct report *r, const struct run_summary *s)
{
	char a[LOGFMT_NUM_SIZE], b[LOGFMT_NUM_SIZE], c[LOGFMT_NUM_SIZE], line[256];

	if (!r->log || s->stats_level >= 1)
		return;
	/* rsync's log_exit: plain digits, whatever -h says */
	snprintf(line, sizeof line, "sent %s bytes  received %s bytes  total size %s\n",
		 logfmt_num((int64_t)s->sent, 0, a, sizeof a),
		 logfmt_num((int64_t)s->received, 0, b, sizeof b),
		 logfmt_num(s->total_size, 0, c, sizeof c));
	report_log(r, line);
}
