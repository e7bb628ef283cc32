/* The --log-file writer (see logfile.h). */
#include "logfile.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "safeopen.h"

/* rsync copies a message into a buffer of this size before logging it */
#define LOG_MSG_MAX 2048

int logfile_open(struct logfile *lf, const char *name, int insecure, int *untrusted)
{
	int fd;

	memset(lf, 0, sizeof *lf);
	lf->pid = (long)getpid();
	fd = safeopen_create(name, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644, insecure,
			     untrusted);
	if (fd < 0)
		return -1;
	if (!(lf->fp = fdopen(fd, "a"))) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	return 0;
}

void logfile_use_syslog(struct logfile *lf)
{
	lf->use_syslog = 1;
	openlog("rsync", LOG_PID | LOG_NDELAY, LOG_DAEMON);
}

void logfile_stamp(int64_t t, char out[20])
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!localtime_r(&tt, &tm) || strftime(out, 20, "%Y/%m/%d %H:%M:%S", &tm) == 0)
		memcpy(out, "0000/00/00 00:00:00", 20);
}

/* rsync's filtered_fwrite with escape_c1 set and no isprint test */
static int must_escape(const unsigned char *s, size_t i, size_t len)
{
	unsigned char c = s[i];

	if (c == '\\')
		return i + 4 < len && s[i + 1] == '#' && s[i + 2] >= '0' && s[i + 2] <= '9' &&
		       s[i + 3] >= '0' && s[i + 3] <= '9' && s[i + 4] >= '0' && s[i + 4] <= '9';
	return c != '\t' && (c < ' ' || (c >= 0x80 && c <= 0x9f));
}

size_t logfile_escape(const char *in, size_t len, char *out, size_t cap)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t n = 0, written = 0;

	for (size_t i = 0; i < len; i++) {
		char esc[8];
		size_t k = 1;

		if (must_escape(s, i, len))
			k = (size_t)snprintf(esc, sizeof esc, "\\#%03o", s[i]);
		else
			esc[0] = (char)s[i];
		if (written == n && n + k < cap) {	/* whole escapes only */
			memcpy(out + n, esc, k);
			written += k;
		}
		n += k;
	}
	if (cap)
		out[written] = '\0';
	return n;
}

void logfile_write(struct logfile *lf, int warning, const char *msg, size_t len)
{
	char buf[LOG_MSG_MAX], stamp[20], out[LOG_MSG_MAX * 5 + 1];
	char end = 0;

	if (!lf || (!lf->fp && !lf->use_syslog))
		return;
	if (len > LOG_MSG_MAX - 1)
		len = LOG_MSG_MAX - 1;
	memcpy(buf, msg, len);
	buf[len] = '\0';
	if (lf->use_syslog) {
		syslog(warning ? LOG_WARNING : LOG_INFO, "%s", buf);
		return;
	}
	len = strlen(buf);	/* rsync's logit stops at a NUL */
	if (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
		end = buf[--len];
	logfile_stamp((int64_t)time(NULL), stamp);
	logfile_escape(buf, len, out, sizeof out);
	/* rsync's lines go through stdio and it never looks at the flush:
	 * a log that cannot be written (a full disk) does not stop the run */
	fprintf(lf->fp, "%s [%ld] %s", stamp, lf->pid, out);
	if (end)
		fputc(end, lf->fp);
	fflush(lf->fp);
}

void logfile_close(struct logfile *lf)
{
	if (lf->fp)
		fclose(lf->fp);
	lf->fp = NULL;
	if (lf->use_syslog)
		closelog();
	lf->use_syslog = 0;
}
