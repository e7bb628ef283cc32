/* What the user sees: server messages, file names, errors, the summary,
 * and the exit code, printed the way rsync's client prints them. */
#ifndef RELAY_REPORT_H
#define RELAY_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "stats.h"

struct logfile;
struct progress;
struct stderr_label;

/* rsync's exit codes (rsync(1), EXIT VALUES). */
enum {
	RERR_OK = 0,
	RERR_SYNTAX = 1,
	RERR_PROTOCOL = 2,
	RERR_FILESELECT = 3,
	RERR_UNSUPPORTED = 4,
	RERR_STARTCLIENT = 5,
	RERR_SOCKETIO = 10,
	RERR_FILEIO = 11,
	RERR_STREAMIO = 12,
	RERR_MESSAGEIO = 13,
	RERR_IPC = 14,
	RERR_SIGNAL = 20,
	RERR_MALLOC = 22,
	RERR_PARTIAL = 23,
	RERR_VANISHED = 24,
	RERR_DEL_LIMIT = 25,
	RERR_TIMEOUT = 30,
	RERR_CONTIMEOUT = 35,
	RERR_CMD_FAILED = 124,
	RERR_CMD_KILLED = 125,
	RERR_CMD_RUN = 126,
	RERR_CMD_NOTFOUND = 127,
	RERR_SSH = 255,
};

/* io_error bits carried in file lists and MSG_IO_ERROR. */
#define IOERR_GENERAL (1 << 0)
#define IOERR_VANISHED (1 << 1)
#define IOERR_DEL_LIMIT (1 << 2)
#define IOERR_VALID_MASK 0x7

struct report {
	FILE *out;
	FILE *err;
	int quiet;
	int utf8;		/* the locale's charset is UTF-8 */
	int allow_8bit;		/* -8: high-bit bytes go out as they are */
	int fatal;		/* the relay itself gave up with this code */
	int io_error;		/* IOERR_* seen from the sender or receiver */
	int got_xfer_error;	/* a server reported MSG_ERROR_XFER */
	int remote_exit;	/* code a server sent with MSG_ERROR_EXIT */
	int peer_lost;		/* a connection closed under us: the remote
				 * shells' own codes tell why */
	struct progress *progress; /* a progress line may be open, or NULL */
	struct stderr_label *shells; /* the remote shells' stderr, or NULL */
	/* --log-file, or NULL: what rsync's client logs of its own run is
	 * logged here too (its FINFO, FERROR and FWARNING lines and server
	 * messages, even under -q; item lines in the log file's format) */
	struct logfile *log;
};

void report_init(struct report *r, FILE *out, FILE *err, int quiet);

/* A message a server sent (MSG_INFO, MSG_ERROR, ...), already ending in a
 * newline; unsafe bytes are escaped as \#ooo like rsync does. */
void report_server_msg(struct report *r, int tag, const unsigned char *data,
		       size_t len);

/* The relay's own error: "rsync-relay: <text>" on stderr, and records the
 * exit code when it is the first fatal one. */
void report_fatal(struct report *r, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A fatal error found by a check the relay makes in place of a server
 * (say, the sender's checks on what the receiver asks): the server's
 * own line, printed as that server would print it (unsafe bytes escaped),
 * without the relay's prefix; records the code as report_fatal does. */
void report_fatal_line(struct report *r, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Stops the run with code and no message of its own (a signal: rsync
 * prints only its exit line). */
void report_stop(struct report *r, int code);
/* A line a remote shell wrote on stderr, behind its tag (stderr_label.h). */
void report_shell_line(struct report *r, const char *tag, const char *line, size_t len);
void report_warn(struct report *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Writes len bytes to f escaping what could drive a terminal. */
void report_escaped(const struct report *r, FILE *f, const char *s, size_t len);

/* rsync's text for an exit code. */
const char *report_code_text(int code);

/* The run's exit code from everything seen and the two servers' codes. */
int report_exit_code(const struct report *r, int src_code, int dest_code);

/* The closing "rsync error: ..." line when the code is not 0. */
void report_exit_line(const struct report *r, int code);

/* A line only the log gets (rsync's FLOG), such as "receiving file
 * list\n"; nothing without a log. */
void report_log(struct report *r, const char *line);
/* rsync's last log line of a run that ended with code 0 without
 * --stats or -v: "sent N bytes  received N bytes  total size N". */
void report_log_totals(struct report *r, const struct run_summary *s);

/* The end-of-run lines: rsync's --stats (level 2) and the closing
 * "sent ... received" and "total size" lines (level 1), per link. */
void report_summary(struct report *r, const struct run_summary *s);

/* How items are printed: the --out-format and what rsync's client
 * derives from its options (see options.h). */
struct item_format {
	const char *fmt;	/* NULL: nothing is printed per item */
	int has_i;		/* %i in it; 2 with -ii */
	int name_level;		/* --info=name level (-v: 1, -vv: 2) */
	int del_level;		/* --info=del level */
	int dry_run;
	int protocol;
	int preserve_uid, preserve_gid, preserve_mtimes;
	int sum_len;		/* bytes of a whole-file checksum (%C) */
	int sum_order;		/* enum logfmt_sum_order */
	int file_sums;		/* -c: %C shows the file list's checksum */
	/* --log-file-format (NULL without --log-file) and what rsync's
	 * client derives from it */
	const char *log_fmt;
	int log_has_i, log_has_o_or_i;
};

/* One item of the sender's stream, printed as a receiving client prints
 * it (rsync's log_item and maybe_log_item). */
struct item_view {
	const char *name;
	uint32_t mode;
	int64_t size, mtime;
	uint32_t uid, gid;
	const char *link;	/* symlink target or NULL */
	const char *xname;	/* hard-link target name ("" if none) */
	int iflags;
	int transferred;	/* a transfer, logged as one */
	int64_t bytes;		/* %b */
	const unsigned char *sum; /* %C, or NULL */
};
void report_item(struct report *r, const struct item_format *f, const struct item_view *it);
/* The item the sender's stream parser just read (SS_EV_ITEM). */
struct sendstream;
void report_stream_item(struct report *r, const struct item_format *f,
			const struct sendstream *ss);
/* The log file's line for the parser's events ev: an item that is no
 * transfer when it is read (SS_EV_ITEM), a transfer when its data is
 * complete (SS_EV_XFER_END), as rsync's receiving client logs them. */
void report_stream_log(struct report *r, const struct item_format *f,
		       const struct sendstream *ss, int ev);
/* A deletion the receiver reported (MSG_DELETED: a directory's name ends
 * with a NUL). */
void report_deleted(struct report *r, const struct item_format *f, const unsigned char *data,
		    size_t len);
/* A client line such as "receiving incremental file list". */
void report_info(struct report *r, const char *line);
/* A line of a peer's text (a daemon's MOTD or module list) on stdout as
 * rsync prints it: unsafe bytes escaped, nothing under -q. */
void report_text_line(struct report *r, const char *line);

#endif
