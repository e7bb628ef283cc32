/* Unit tests of the --out-format lines and summary numbers (logfmt.h).
 *
 * The expected lines were recorded from rsync 3.5.0's own client pulling
 * through a remote shell script that runs the server command it is given
 *
 *     #!/bin/sh
 *     shift; exec "$@"
 *
 * as "rsync OPTIONS -e ./rs h:SRC/ DST/" (a receiving client), as root,
 * with TZ=UTC and the C locale.  The sender-view lines come from pushes
 * ("rsync -a -e ./rs SRC h:DST/") and one local copy.  The file times
 * are 2024/01/02 03:04:05 UTC unless a case says otherwise; the 16-byte
 * sums are rsync's default xxh128, given here as they travel (low byte
 * first).  Cases marked "rules" could not be produced on the recording
 * host (no crtimes, symlink times always settable) and follow rsync's
 * log.c.
 */
#include "suites.h"
#include "logfmt.h"
#include "report.h"
#include "sendstream.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define T0 1704164645		/* 2024/01/02 03:04:05 UTC */
#define T_BIG 1746515289	/* 2025/05/06 07:08:09 */
#define T_TOP 1795365017	/* 2026/11/22 16:30:17 */
#define T_INNER 1795365031	/* 2026/11/22 16:30:31 */
#define T_NOW 1795364991	/* 2026/11/22 16:29:51 */

#define S_DIR 0040000u
#define S_REG 0100000u
#define S_LNK 0120000u
#define S_BLK 0060000u
#define S_CHR 0020000u
#define S_FIFO 0010000u

#define SP32 "                                "
#define Z32 "00000000000000000000000000000000"

/* rsync -a: the options the items of a recorded -a run share */
#define OPT_A                                                        \
	.preserve_uid = 1, .preserve_gid = 1, .preserve_mtimes = 1, \
	.receiver_symlink_times = 1, .checksum_bytes_len = 16,            \
	.checksum_order = LOGFMT_SUM_REVERSED
/* rsync -rlt */
#define OPT_RLT                                                     \
	.preserve_mtimes = 1, .receiver_symlink_times = 1,          \
	.checksum_bytes_len = 16, .checksum_order = LOGFMT_SUM_REVERSED

#define NEW_LOCAL (ITEM_LOCAL_CHANGE | ITEM_IS_NEW)
#define NEW_XFER (ITEM_TRANSFER | ITEM_IS_NEW)

/* xxh128 of the recorded files, as on the wire */
static const unsigned char SUM_A[16] = {
	0x25, 0x44, 0x48, 0xa5, 0x33, 0xe7, 0xb2, 0x36,
	0x13, 0xcd, 0x00, 0x71, 0xd8, 0xc9, 0xfa, 0xee,
};
static const unsigned char SUM_BIG[16] = {
	0x9f, 0x6d, 0x5a, 0xb7, 0x31, 0x99, 0x92, 0x95,
	0x22, 0x83, 0x36, 0x68, 0xc3, 0xc6, 0x64, 0x4f,
};
static const unsigned char SUM_A2[16] = {
	0x5a, 0xd0, 0x45, 0xf7, 0x71, 0x44, 0x61, 0xa9,
	0x6b, 0x59, 0x18, 0xcd, 0xbd, 0x00, 0xab, 0xd4,
};
static const unsigned char SUM_NEW[16] = {
	0x58, 0x47, 0xcc, 0x11, 0x27, 0xa8, 0x95, 0xec,
	0x53, 0xef, 0xc0, 0xa0, 0x67, 0xf2, 0xba, 0x07,
};
static const unsigned char SUM_K[16] = {
	0x8c, 0x58, 0xdd, 0x74, 0x60, 0xea, 0xc1, 0x24,
	0x72, 0xb9, 0x09, 0x6d, 0xea, 0x4a, 0xb9, 0x3f,
};
/* --checksum-choice=md5 of "1000 zero bytes" (printed in order) */
static const unsigned char SUM_K_MD5[16] = {
	0xed, 0xe3, 0xd3, 0xb6, 0x85, 0xb4, 0xe1, 0x37,
	0xba, 0x4c, 0xb2, 0x52, 0x13, 0x29, 0xa7, 0x5e,
};
/* --checksum-choice=sha1 of the same */
static const unsigned char SUM_K_SHA1[20] = {
	0xc5, 0x77, 0xf7, 0xa3, 0x76, 0x57, 0x05, 0x32, 0x75, 0xf3,
	0xe3, 0xec, 0xc0, 0x6e, 0xc2, 0x2e, 0x6b, 0x90, 0x93, 0x66,
};
/* xxh64 and xxh3 of an empty file, as on the wire */
static const unsigned char SUM_EMPTY_XXH64[8] = {
	0x99, 0xe9, 0xd8, 0x51, 0x37, 0xdb, 0x46, 0xef,
};
static const unsigned char SUM_EMPTY_XXH3[8] = {
	0xc2, 0x94, 0xd3, 0x38, 0x05, 0x80, 0x06, 0x2d,
};

struct vec {
	const char *fmt;
	struct logfmt_item it;
	const char *want;
};

#define F "%i|%n|%L|%l|%b|%c|%C|%f|%o|%M|%B|%U|%G|%m"
#define F2 "%i|%n|%L|%l|%b|%C|%f|%o|%M|%B|%U|%G"
#define HUM "%l|%'l|%''l|%'''l|%''''l|%b|%'b|%''b|%'''b|%U|%G"
#define WID "[%10n][%-10n][%10l][%-10l][%010l][%'10l][%10'l][%-L][%5L][%3i]" \
	"[%15i][%-15i][%5%][%5o][%8B][%-12M][%5U][%05U][%-05U][%8G][%-8G]" \
	"[%-][%z][%5z][%'z][%-C][%40C][%45f]"

static const struct vec vectors[] = {
	/* rsync -aHD --out-format=F h:src/ dst/ (a new destination) */
	{ F, { .name = ".", .mode = S_DIR | 0755, .size = 4096, .mtime = T0,
	       .iflags = NEW_LOCAL, OPT_A },
	  "cd+++++++++|./||4096|0|0|" SP32 "|.|recv|2024/01/02-03:04:05|rwxr-xr-x|0|0|" },
	{ F, { .name = "a.txt", .mode = S_REG | 0644, .size = 12, .mtime = T0,
	       .uid = 1234, .gid = 5678, .iflags = NEW_XFER, .bytes = 52,
	       .checksum = SUM_A, OPT_A },
	  ">f+++++++++|a.txt||12|52|0|eefac9d87100cd1336b2e733a5484425|a.txt|recv|"
	  "2024/01/02-03:04:05|rw-r--r--|1234|5678|" },
	{ F, { .name = "bdev", .mode = S_BLK | 0644, .mtime = T0,
	       .iflags = NEW_LOCAL, OPT_A },
	  "cD+++++++++|bdev||0|0|0|" SP32 "|bdev|recv|2024/01/02-03:04:05|rw-r--r--|0|0|" },
	{ F, { .name = "cdev", .mode = S_CHR | 0644, .mtime = T0,
	       .iflags = NEW_LOCAL, OPT_A },
	  "cD+++++++++|cdev||0|0|0|" SP32 "|cdev|recv|2024/01/02-03:04:05|rw-r--r--|0|0|" },
	{ F, { .name = "fifo", .mode = S_FIFO | 0644, .mtime = T0,
	       .iflags = NEW_LOCAL, OPT_A },
	  "cS+++++++++|fifo||0|0|0|" SP32 "|fifo|recv|2024/01/02-03:04:05|rw-r--r--|0|0|" },
	{ F, { .name = "lnk", .mode = S_LNK | 0777, .size = 5, .mtime = T0,
	       .link = "a.txt", .iflags = NEW_LOCAL, OPT_A },
	  "cL+++++++++|lnk| -> a.txt|5|0|0|" SP32 "|lnk|recv|2024/01/02-03:04:05|rwxrwxrwx|0|0|" },
	{ F, { .name = "emptydir", .mode = S_DIR | 01777, .size = 4096, .mtime = T0,
	       .iflags = NEW_LOCAL, OPT_A },
	  "cd+++++++++|emptydir/||4096|0|0|" SP32
	  "|emptydir|recv|2024/01/02-03:04:05|rwxrwxrwt|0|0|" },
	{ F, { .name = "sub/big", .mode = S_REG | 04755, .size = 5000, .mtime = T0,
	       .iflags = NEW_XFER, .bytes = 5040, .checksum = SUM_BIG, OPT_A },
	  ">f+++++++++|sub/big||5000|5040|0|4f64c6c36836832295929931b75a6d9f|sub/big|"
	  "recv|2024/01/02-03:04:05|rwsr-xr-x|0|0|" },
	{ F, { .name = "h2", .mode = S_REG | 0644, .size = 3, .mtime = T0,
	       .hlink = "sub/h3",
	       .iflags = NEW_LOCAL | ITEM_XNAME_FOLLOWS, OPT_A },
	  "hf+++++++++|h2| => sub/h3|3|0|0|" SP32 "|h2|recv|2024/01/02-03:04:05|rw-r--r--|0|0|" },

	/* the same again with -ii: nothing changed */
	{ F, { .name = ".", .mode = S_DIR | 0755, .size = 4096, .mtime = T0, OPT_A },
	  ".d         |./||4096|0|0|" SP32 "|.|recv|2024/01/02-03:04:05|rwxr-xr-x|0|0|" },
	{ F, { .name = "a.txt", .mode = S_REG | 0644, .size = 12, .mtime = T0,
	       .uid = 1234, .gid = 5678, OPT_A },
	  ".f         |a.txt||12|0|0|" SP32 "|a.txt|recv|2024/01/02-03:04:05|rw-r--r--|1234|5678|" },
	{ F, { .name = "h2", .mode = S_REG | 0644, .size = 3, .mtime = T0,
	       .hlink = "", .iflags = ITEM_LOCAL_CHANGE | ITEM_XNAME_FOLLOWS, OPT_A },
	  "hf         |h2||3|0|0|" SP32 "|h2|recv|2024/01/02-03:04:05|rw-r--r--|0|0|" },
	{ F, { .name = "lnk", .mode = S_LNK | 0777, .size = 5, .mtime = T0,
	       .link = "a.txt", OPT_A },
	  ".L         |lnk| -> a.txt|5|0|0|" SP32 "|lnk|recv|2024/01/02-03:04:05|rwxrwxrwx|0|0|" },
	{ F, { .name = "fifo", .mode = S_FIFO | 0644, .mtime = T0, OPT_A },
	  ".S         |fifo||0|0|0|" SP32 "|fifo|recv|2024/01/02-03:04:05|rw-r--r--|0|0|" },
	{ F, { .name = "bdev", .mode = S_BLK | 0644, .mtime = T0, OPT_A },
	  ".D         |bdev||0|0|0|" SP32 "|bdev|recv|2024/01/02-03:04:05|rw-r--r--|0|0|" },
	{ "%i %n%L", { .name = ".", .mode = S_DIR | 0755, .size = 4096, OPT_A },
	  ".d          ./" },
	{ "%i %n%L", { .name = "lnk", .mode = S_LNK | 0777, .size = 5,
		       .link = "a.txt", OPT_A },
	  ".L          lnk -> a.txt" },
	{ "%i %n%L", { .name = "sub/h3", .mode = S_REG | 0644, .size = 3, .hlink = "",
		       .iflags = ITEM_LOCAL_CHANGE | ITEM_XNAME_FOLLOWS, OPT_A },
	  "hf          sub/h3" },

	/* after changes: -i --delete -n (a dry run) */
	{ F, { .name = "bdev", .mode = S_BLK | 0644, .is_delete = 1,
	       /* none of these show in a deletion */
	       .size = 777, .mtime = T0, .uid = 5, .gid = 6, .link = "x",
	       .hlink = "y", .bytes = 9, .checksum = SUM_A, .dry_run = 1, OPT_A },
	  "*deleting  |bdev||0|0|0|" SP32 "|bdev|del.|1970/01/01-00:00:00|rw-r--r--|0|0|" },
	{ F, { .name = ".", .mode = S_DIR | 0755, .size = 4096, .mtime = T_TOP,
	       .iflags = ITEM_REPORT_TIME, .dry_run = 1, OPT_A },
	  ".d..t......|./||4096|0|0|" SP32 "|.|recv|2026/11/22-16:30:17|rwxr-xr-x|0|0|" },
	{ F, { .name = "a.txt", .mode = S_REG | 0644, .size = 21, .mtime = T0,
	       .uid = 1234, .gid = 5678, .dry_run = 1,
	       .iflags = ITEM_TRANSFER | ITEM_REPORT_SIZE, OPT_A },
	  ">f.s.......|a.txt||21|0|0|" Z32 "|a.txt|recv|2024/01/02-03:04:05|rw-r--r--|1234|5678|" },
	{ F, { .name = "lnk", .mode = S_LNK | 0777, .size = 7, .mtime = T0,
	       .link = "sub/big", .dry_run = 1,
	       .iflags = ITEM_LOCAL_CHANGE | ITEM_REPORT_CHANGE, OPT_A },
	  "cLc........|lnk| -> sub/big|7|0|0|" SP32 "|lnk|recv|2024/01/02-03:04:05|rwxrwxrwx|0|0|" },
	{ F, { .name = "sub/big", .mode = S_REG | 04755, .size = 5000, .mtime = T_BIG,
	       .uid = 42, .gid = 43, .dry_run = 1,
	       .iflags = ITEM_TRANSFER | ITEM_REPORT_TIME | ITEM_REPORT_OWNER |
			 ITEM_REPORT_GROUP, OPT_A },
	  ">f..t.og...|sub/big||5000|0|0|" Z32 "|sub/big|recv|2025/05/06-07:08:09|rwsr-xr-x|42|43|" },
	{ F, { .name = "sub/newfile", .mode = S_REG | 0644, .size = 4, .mtime = T0,
	       .dry_run = 1, .iflags = NEW_XFER, OPT_A },
	  ">f+++++++++|sub/newfile||4|0|0|" Z32 "|sub/newfile|recv|2024/01/02-03:04:05|rw-r--r--|0|0|" },
	{ F, { .name = "sub/rand", .mode = S_REG | 0700, .size = 1234567, .mtime = T0,
	       .dry_run = 1, .iflags = ITEM_REPORT_PERMS, OPT_A },
	  ".f...p.....|sub/rand||1234567|0|0|" SP32 "|sub/rand|recv|2024/01/02-03:04:05|rwx------|0|0|" },
	{ "%i %n%L", { .name = "bdev", .mode = S_BLK | 0644, .is_delete = 1, OPT_A },
	  "*deleting   bdev" },
	{ "%n%L", { .name = "bdev", .mode = S_BLK | 0644, .is_delete = 1, OPT_A },
	  "deleting bdev" },
	{ "%n|%l", { .name = "bdev", .mode = S_BLK | 0644, .is_delete = 1, OPT_A },
	  "deleting bdev" },
	{ "%o %n", { .name = "bdev", .mode = S_BLK | 0644, .is_delete = 1, OPT_A },
	  "del. bdev" },
	{ "%o %n", { .name = "a.txt", .mode = S_REG | 0644, .size = 21,
		     .iflags = ITEM_TRANSFER | ITEM_REPORT_SIZE, OPT_A },
	  "recv a.txt" },

	/* the same without -n */
	{ F, { .name = "a.txt", .mode = S_REG | 0644, .size = 21, .mtime = T0,
	       .uid = 1234, .gid = 5678, .bytes = 61, .checksum = SUM_A2,
	       .iflags = ITEM_TRANSFER | ITEM_REPORT_SIZE, OPT_A },
	  ">f.s.......|a.txt||21|61|0|d4ab00bdcd18596ba9614471f745d05a|a.txt|recv|"
	  "2024/01/02-03:04:05|rw-r--r--|1234|5678|" },
	{ F, { .name = "sub/big", .mode = S_REG | 04755, .size = 5000, .mtime = T_BIG,
	       .uid = 42, .gid = 43, .bytes = 68, .checksum = SUM_BIG,
	       .iflags = ITEM_TRANSFER | ITEM_REPORT_TIME | ITEM_REPORT_OWNER |
			 ITEM_REPORT_GROUP, OPT_A },
	  ">f..t.og...|sub/big||5000|68|0|4f64c6c36836832295929931b75a6d9f|sub/big|recv|"
	  "2025/05/06-07:08:09|rwsr-xr-x|42|43|" },
	{ F, { .name = "sub/newfile", .mode = S_REG | 0644, .size = 4, .mtime = T0,
	       .bytes = 44, .checksum = SUM_NEW, .iflags = NEW_XFER, OPT_A },
	  ">f+++++++++|sub/newfile||4|44|0|07baf267a0c0ef53ec95a82711cc4758|sub/newfile|"
	  "recv|2024/01/02-03:04:05|rw-r--r--|0|0|" },

	/* deleting a tree: -a --delete -n */
	{ F2, { .name = "gone/deep/x", .mode = S_REG | 0644, .is_delete = 1, OPT_A },
	  "*deleting  |gone/deep/x||0|0|" SP32 "|gone/deep/x|del.|1970/01/01-00:00:00|rw-r--r--|0|0" },
	{ F2, { .name = "gone/deep", .mode = S_DIR | 0755, .is_delete = 1, OPT_A },
	  "*deleting  |gone/deep/||0|0|" SP32 "|gone/deep|del.|1970/01/01-00:00:00|rwxr-xr-x|0|0" },
	{ F2, { .name = "gone/ls", .mode = S_LNK | 0777, .link = "f",
		.is_delete = 1, OPT_A },
	  "*deleting  |gone/ls||0|0|" SP32 "|gone/ls|del.|1970/01/01-00:00:00|rwxrwxrwx|0|0" },
	{ "%n%L", { .name = "gone/deep", .mode = S_DIR | 0755, .is_delete = 1, OPT_A },
	  "deleting gone/deep/" },
	{ "[%10o][%-12i][%5n]", { .name = "gone/deep/x", .mode = S_REG | 0644,
				  .is_delete = 1, OPT_A },
	  "[      del.][*deleting   ][gone/deep/x]" },
	{ "[%10o][%-12i][%5n]", { .name = ".", .mode = S_DIR | 0755, .size = 4096,
				  .iflags = ITEM_REPORT_TIME, OPT_A },
	  "[      recv][.d..t...... ][   ./]" },
	{ "%o", { .name = "gone", .mode = S_DIR | 0755, .is_delete = 1, OPT_A },
	  "del." },
	/* "%%o" is no %o: rsync's own "deleting %n" */
	{ "del-test %%o %n", { .name = "gone/y", .mode = S_REG | 0644,
			       .is_delete = 1, OPT_A },
	  "deleting gone/y" },
	{ "del-test %%o %n", { .name = ".", .mode = S_DIR | 0755, OPT_A },
	  "del-test %o ./" },
	/* ITEM_DELETED in iflags is a deletion too */
	{ "%i %n", { .name = "gone/y", .mode = S_REG | 0644,
		     .iflags = ITEM_DELETED, OPT_A },
	  "*deleting   gone/y" },

	/* -v (%n%L) */
	{ "%n%L", { .name = "h2", .mode = S_REG | 0644, .hlink = "sub/h3",
		    .iflags = NEW_LOCAL | ITEM_XNAME_FOLLOWS, OPT_A },
	  "h2 => sub/h3" },
	{ "%n%L", { .name = "lnk", .mode = S_LNK | 0777, .link = "sub/big",
		    .iflags = NEW_LOCAL, OPT_A },
	  "lnk -> sub/big" },
	{ "%n%L", { .name = "emptydir", .mode = S_DIR | 01777,
		    .iflags = NEW_LOCAL, OPT_A },
	  "emptydir/" },
	{ "%n%L", { .name = ".", .mode = S_DIR | 0755, .iflags = ITEM_REPORT_TIME, OPT_A },
	  "./" },

	/* a push of -rlt (no -o, -g): %U is 0, %G DEFAULT; %b counts what
	 * the sender wrote */
	{ HUM, { .name = ".", .mode = S_DIR | 0755, .size = 4096, .uid = 7, .gid = 8,
		 .iflags = NEW_LOCAL, .am_sender_view = 1, OPT_RLT },
	  "4096|4,096|4.10K|4.00K|4.00K|0|0|0|0|0|DEFAULT" },
	{ HUM, { .name = "k", .mode = S_REG | 0644, .size = 1000, .bytes = 1043,
		 .uid = 7, .gid = 8, .iflags = NEW_XFER, .am_sender_view = 1, OPT_RLT },
	  "1000|1,000|1.00K|1,000|1,000|1043|1,043|1.04K|1.02K|0|DEFAULT" },
	{ HUM, { .name = "k2", .mode = S_REG | 0644, .size = 1023, .bytes = 1066,
		 .iflags = NEW_XFER, .am_sender_view = 1, OPT_RLT },
	  "1023|1,023|1.02K|1,023|1,023|1066|1,066|1.07K|1.04K|0|DEFAULT" },
	{ HUM, { .name = "k3", .mode = S_REG | 0644, .size = 1024, .bytes = 1067,
		 .iflags = NEW_XFER, .am_sender_view = 1, OPT_RLT },
	  "1024|1,024|1.02K|1.00K|1.00K|1067|1,067|1.07K|1.04K|0|DEFAULT" },
	{ HUM, { .name = "m", .mode = S_REG | 0644, .size = 1234567, .bytes = 1234758,
		 .iflags = NEW_XFER, .am_sender_view = 1, OPT_RLT },
	  "1234567|1,234,567|1.23M|1.18M|1.18M|1234758|1,234,758|1.23M|1.18M|0|DEFAULT" },
	{ HUM, { .name = "mb", .mode = S_REG | 0644, .size = 1048576, .bytes = 1048743,
		 .iflags = NEW_XFER, .am_sender_view = 1, OPT_RLT },
	  "1048576|1,048,576|1.05M|1.00M|1.00M|1048743|1,048,743|1.05M|1.00M|0|DEFAULT" },
	{ HUM, { .name = "s", .mode = S_REG | 0644, .size = 999, .bytes = 1042,
		 .iflags = NEW_XFER, .am_sender_view = 1, OPT_RLT },
	  "999|999|999|999|999|1042|1,042|1.04K|1.02K|0|DEFAULT" },
	{ HUM, { .name = "zero", .mode = S_REG | 0644, .size = 0, .bytes = 39,
		 .iflags = NEW_XFER, .am_sender_view = 1, OPT_RLT },
	  "0|0|0|0|0|39|39|39|39|0|DEFAULT" },

	/* widths and flags: rsync -rlt --out-format=WID h:s2/ d2/ */
	{ WID, { .name = ".", .mode = S_DIR | 0755, .size = 4096, .mtime = T0,
		 .uid = 1234, .gid = 5678, .iflags = NEW_LOCAL, OPT_RLT },
	  "[        ./][./        ][      4096][4096      ][      4096][     4,096]"
	  "[     4,096][    ][         ][cd+++++++++][    cd+++++++++][cd+++++++++    ]"
	  "[    %][ recv][rwxr-xr-x][2024/01/02-03:04:05][    0][00000][0    ]"
	  "[ DEFAULT][DEFAULT ][%-][%z][%5z][%'z][" SP32 "][" SP32 "]"
	  "[                                            .]" },
	{ WID, { .name = "k", .mode = S_REG | 0644, .size = 1000, .mtime = T0,
		 .iflags = NEW_XFER, .bytes = 1043, .checksum = SUM_K, OPT_RLT },
	  "[         k][k         ][      1000][1000      ][      1000][     1,000]"
	  "[     1,000][    ][         ][>f+++++++++][    >f+++++++++][>f+++++++++    ]"
	  "[    %][ recv][rw-r--r--][2024/01/02-03:04:05][    0][00000][0    ]"
	  "[ DEFAULT][DEFAULT ][%-][%z][%5z][%'z][3fb94aea6d09b97224c1ea6074dd588c]"
	  "[        3fb94aea6d09b97224c1ea6074dd588c]"
	  "[                                            k]" },
	{ WID, { .name = "dd/inner", .mode = S_DIR | 0755, .size = 4096,
		 .mtime = T_INNER, .iflags = NEW_LOCAL, OPT_RLT },
	  "[ dd/inner/][dd/inner/ ][      4096][4096      ][      4096][     4,096]"
	  "[     4,096][    ][         ][cd+++++++++][    cd+++++++++][cd+++++++++    ]"
	  "[    %][ recv][rwxr-xr-x][2026/11/22-16:30:31][    0][00000][0    ]"
	  "[ DEFAULT][DEFAULT ][%-][%z][%5z][%'z][" SP32 "][" SP32 "]"
	  "[                                     dd/inner]" },
	{ "[%08U][%08G][%-3U][%n%%%L]", { .name = ".", .mode = S_DIR | 0755,
					  .size = 4096, .iflags = NEW_LOCAL, OPT_A },
	  "[00000000][00000000][0  ][./%]" },
	/* odd specs, on a 1048576-byte file "mb" */
	{ "[%999999999999999999999999n]", { .name = "mb", .mode = S_REG | 0644, OPT_A },
	  "[%999999999999999999999999n]" },
	{ "[%-99999999999999999999999n]", { .name = "mb", .mode = S_REG | 0644, OPT_A },
	  "[%-99999999999999999999999n]" },
	{ "[%-0000000000000000000003n]", { .name = "mb", .mode = S_REG | 0644, OPT_A },
	  "[mb ]" },
	{ "[%00000000000000000000003n]", { .name = "mb", .mode = S_REG | 0644, OPT_A },
	  "[ mb]" },
	{ "[%000000000000000000000003n]", { .name = "mb", .mode = S_REG | 0644, OPT_A },
	  "[%000000000000000000000003n]" },
	{ "[%'-5'n]", { .name = "mb", .mode = S_REG | 0644, OPT_A }, "[mb   ]" },
	{ "[%'-5'l|%''5''l]", { .name = "mb", .mode = S_REG | 0644, .size = 1048576, OPT_A },
	  "[1.05M|1.00M]" },
	{ "[%-5%]", { .name = "mb", .mode = S_REG | 0644, OPT_A }, "[%    ]" },
	{ "[%%%]", { .name = "mb", .mode = S_REG | 0644, OPT_A }, "[%%]" },
	{ "[100%]", { .name = "mb", .mode = S_REG | 0644, OPT_A }, "[100%]" },
	{ "[%]", { .name = "mb", .mode = S_REG | 0644, OPT_A }, "[%]" },
	{ "[%']", { .name = "mb", .mode = S_REG | 0644, OPT_A }, "[%']" },
	{ "[%'-]", { .name = "mb", .mode = S_REG | 0644, OPT_A }, "[%'-]" },
	{ "%", { .name = "mb", .mode = S_REG | 0644, OPT_A }, "%" },
	{ "%'5", { .name = "mb", .mode = S_REG | 0644, OPT_A }, "%'5" },
	/* a client has no daemon context */
	{ "[%5m][%5a][%-5h][%99999999999n]", { .name = "f", .mode = S_REG | 0644, OPT_A },
	  "[     ][%5a][%-5h][]" },
	{ "%m|%a|%h|%P|%u", { .name = "f", .mode = S_REG | 0644, OPT_A },
	  "|%a|%h|%P|%u" },
	{ "%t|%p|%8p|%-8p|%08p", { .name = "f", .mode = S_REG | 0644, .now = T_NOW,
				   .pid = 27807, OPT_A },
	  "2026/11/22 16:29:51|27807|   27807|27807   |00027807" },
	{ "[%21t]", { .name = "f", .mode = S_REG | 0644, .now = T_NOW, OPT_A },
	  "[  2026/11/22 16:29:51]" },

	/* itemize: rsync -rl -i (no -t) after a time change */
	{ "%i %n", { .name = "f", .mode = S_REG | 0644, .size = 2,
		     .iflags = ITEM_TRANSFER | ITEM_REPORT_TIME,
		     .receiver_symlink_times = 1 },
	  ">f..T...... f" },
	{ "%i %n%L", { .name = "l", .mode = S_LNK | 0777, .link = "f",
		       .iflags = ITEM_REPORT_TIME, OPT_RLT },
	  ".L..t...... l -> f" },
	/* -U */
	{ "%i %n", { .name = "f", .mode = S_REG | 0644,
		     .iflags = ITEM_TRANSFER | ITEM_REPORT_SIZE | ITEM_REPORT_TIME |
			       ITEM_REPORT_ATIME, OPT_A },
	  ">f.st...u.. f" },
	/* -X, -A */
	{ "%i %n", { .name = "f", .mode = S_REG | 0644,
		     .iflags = ITEM_REPORT_XATTR, OPT_A },
	  ".f........x f" },
	{ "%i %n", { .name = "f", .mode = S_REG | 0644,
		     .iflags = ITEM_REPORT_ACL, OPT_A },
	  ".f.......a. f" },
	/* -c: same size and time, other content */
	{ "%i %n", { .name = "c1", .mode = S_REG | 0644, .size = 4,
		     .iflags = ITEM_TRANSFER | ITEM_REPORT_CHANGE, OPT_A },
	  ">fc........ c1" },
	/* -i -n: a new directory */
	{ "%i %n", { .name = "newdir", .mode = S_DIR | 0755, .dry_run = 1,
		     .iflags = NEW_LOCAL, OPT_A },
	  "cd+++++++++ newdir/" },
	/* --protocol=28 and 29 */
	{ "%i %n %b", { .name = "f", .mode = S_REG | 0644, .size = 2, .bytes = 53,
			.iflags = NEW_XFER, .protocol = 28, OPT_A },
	  ">f????????? f 53" },
	{ "%i %n %b", { .name = "f", .mode = S_REG | 0644, .size = 2, .bytes = 53,
			.iflags = NEW_XFER, .protocol = 29, OPT_A },
	  ">f+++++++++ f 53" },
	{ "%i %n %b", { .name = "l", .mode = S_LNK | 0777, .link = "f",
			.iflags = NEW_LOCAL, .protocol = 28, OPT_A },
	  "cL+++++++++ l 0" },

	/* the sender's view: pushes and a local copy */
	{ "%i|%o|%f|%n", { .name = "f", .mode = S_REG | 0644, .iflags = NEW_XFER,
			   .am_sender_view = 1, .pathname = "/srv/lf/s3", OPT_A },
	  "<f+++++++++|send|srv/lf/s3/f|f" },
	{ "%i|%o|%f|%n", { .name = "s3", .mode = S_DIR | 0755, .iflags = NEW_LOCAL,
			   .am_sender_view = 1, .pathname = "", OPT_A },
	  "cd+++++++++|send|s3|s3/" },
	{ "%i|%o|%f|%n", { .name = "s3/f", .mode = S_REG | 0644, .iflags = NEW_XFER,
			   .am_sender_view = 1, .pathname = "", OPT_A },
	  "<f+++++++++|send|s3/f|s3/f" },
	{ "%i|%o|%f|%n", { .name = ".", .mode = S_DIR | 0755,
			   .iflags = ITEM_REPORT_TIME, .am_sender_view = 1,
			   .pathname = "s3", OPT_A },
	  ".d..t......|send|s3/.|./" },
	{ "%i|%o|%f|%n", { .name = "dir/sub", .mode = S_DIR | 0755,
			   .iflags = NEW_LOCAL, .am_sender_view = 1,
			   .pathname = "s3", OPT_A },
	  "cd+++++++++|send|s3/dir/sub|dir/sub/" },
	{ "%i|%o|%f|%n", { .name = "f", .mode = S_REG | 0644, .iflags = NEW_XFER,
			   .am_sender_view = 1, .local_server = 1, .pathname = "s3",
			   OPT_A },
	  ">f+++++++++|send|s3/f|f" },

	/* other sums: --checksum-choice=md5, sha1, xxh64, xxh3 */
	{ "%C %n", { .name = "k", .mode = S_REG | 0644, .iflags = NEW_XFER,
		     .checksum = SUM_K_MD5, .checksum_bytes_len = 16,
		     .checksum_order = LOGFMT_SUM_FORWARD },
	  "ede3d3b685b4e137ba4cb2521329a75e k" },
	{ "%C %n", { .name = "k", .mode = S_REG | 0644, .iflags = NEW_XFER,
		     .checksum = SUM_K_SHA1, .checksum_bytes_len = 20,
		     .checksum_order = LOGFMT_SUM_FORWARD },
	  "c577f7a37657053275f3e3ecc06ec22e6b909366 k" },
	{ "%C %n", { .name = "zero", .mode = S_REG | 0644, .iflags = NEW_XFER,
		     .checksum = SUM_EMPTY_XXH64, .checksum_bytes_len = 8,
		     .checksum_order = LOGFMT_SUM_REVERSED },
	  "ef46db3751d8e999 zero" },
	{ "%C %n", { .name = "zero", .mode = S_REG | 0644, .iflags = NEW_XFER,
		     .checksum = SUM_EMPTY_XXH3, .checksum_bytes_len = 8,
		     .checksum_order = LOGFMT_SUM_REVERSED },
	  "2d06800538d394c2 zero" },
	/* -c -ii: the file list's sum shows on unchanged files */
	{ "%C %i %n", { .name = "k", .mode = S_REG | 0644, .checksum = SUM_K, OPT_A },
	  "3fb94aea6d09b97224c1ea6074dd588c .f          k" },
	{ "%C %i %n", { .name = "dd", .mode = S_DIR | 0755, OPT_A },
	  SP32 " .d          dd/" },
	/* -c -n -ii --checksum-choice=md5 */
	{ "%C %i %n", { .name = "k", .mode = S_REG | 0644, .checksum = SUM_K_MD5,
			.dry_run = 1, .checksum_bytes_len = 16 },
	  "ede3d3b685b4e137ba4cb2521329a75e .f          k" },
};

/* Cases rsync's log.c decides that the recording host could not show. */
static const struct vec rules[] = {
	/* a receiver that cannot set symlink times, or failed to */
	{ "%i", { .name = "l", .mode = S_LNK | 0777, .iflags = ITEM_REPORT_TIME,
		  .preserve_mtimes = 1, .receiver_symlink_times = 0 },
	  ".L..T......" },
	{ "%i", { .name = "l", .mode = S_LNK | 0777,
		  .iflags = ITEM_REPORT_TIME | ITEM_REPORT_SIZE, /* TIMEFAIL */
		  .preserve_mtimes = 1, .receiver_symlink_times = 1 },
	  ".L..T......" },
	/* --crtimes, with and without --atimes */
	{ "%i", { .name = "f", .mode = S_REG | 0644, .iflags = ITEM_REPORT_CRTIME,
		  .preserve_mtimes = 1 },
	  ".f......n.." },
	{ "%i", { .name = "f", .mode = S_REG | 0644,
		  .iflags = ITEM_REPORT_CRTIME | ITEM_REPORT_ATIME, .preserve_mtimes = 1 },
	  ".f......b.." },
	/* everything */
	{ "%i", { .name = "f", .mode = S_REG | 0644, .iflags = 0xffff & ~ITEM_IS_NEW &
		  ~ITEM_LOCAL_CHANGE, .preserve_mtimes = 1 },
	  ">fcstpogbax" },
	{ "%i", { .name = "d", .mode = S_DIR | 0755, .iflags = ITEM_MISSING_DATA },
	  ".d?????????" },
	{ "%i", { .name = "s", .mode = 0140755 },
	  ".S         " },
	/* a push, sender side: only ".", "c" and "h" lines blank their dots */
	{ "%i", { .name = "f", .mode = S_REG | 0644, .iflags = ITEM_TRANSFER,
		  .am_sender_view = 1 },
	  "<f........." },
	/* the sum a dry run never got, and sums rsync does not print */
	{ "[%C]", { .name = "f", .mode = S_REG | 0644, .iflags = ITEM_TRANSFER,
		    .dry_run = 1, .checksum_bytes_len = 8 },
	  "[0000000000000000]" },
	{ "[%C]", { .name = "f", .mode = S_REG | 0644, .iflags = ITEM_TRANSFER,
		    .checksum = SUM_K, .checksum_bytes_len = 16,
		    .checksum_order = LOGFMT_SUM_HIDDEN },
	  "[" SP32 "]" },
	{ "[%C]", { .name = "f", .mode = S_REG | 0644, .iflags = ITEM_TRANSFER,
		    .checksum_bytes_len = 1 },
	  "[  ]" },
	{ "[%-5C]", { .name = "f", .mode = S_REG | 0644, .iflags = ITEM_TRANSFER,
		      .checksum_bytes_len = 1 },
	  "[  ]" },
	/* a group the receiver cannot set */
	{ "%G|%5G", { .name = "f", .mode = S_REG | 0644, .gid = 5678,
		      .preserve_gid = 1, .skip_group = 1 },
	  "DEFAULT|DEFAULT" },
	/* %c: bytes a receiver wrote for this file */
	{ "%c|%'c|%''c", { .name = "f", .mode = S_REG | 0644, .iflags = ITEM_TRANSFER,
			   .cbytes = 123456 },
	  "123456|123,456|123.46K" },
	{ "%c|%b", { .name = "f", .mode = S_REG | 0644, .cbytes = 5, .bytes = 6 },
	  "0|0" },
	/* %f cleans the name; %L of a symlink without a target */
	{ "%f|%f|%L|", { .name = "a//./b/", .mode = S_REG | 0644 },
	  "a/b|a/b||" },
	{ "%f", { .name = "/x/./", .mode = S_DIR | 0755 }, "x" },
	{ "%f", { .name = "", .mode = S_DIR | 0755 }, "." },
	{ "%f", { .name = "a/..", .mode = S_DIR | 0755 }, "a/.." },
	{ "%f", { .name = "f", .mode = S_REG | 0644, .am_sender_view = 1,
		  .pathname = "top/" }, "top/f" },
	{ "[%L][%3L]", { .name = "l", .mode = S_LNK | 0777 }, "[][       ]" },
	/* ids */
	{ "%U|%G", { .name = "f", .mode = S_REG | 0644, .uid = 4294967295u,
		     .gid = 4294967294u, .preserve_uid = 1, .preserve_gid = 1 },
	  "4294967295|4294967294" },
	/* set-id and sticky bits without execute */
	{ "%B", { .name = "f", .mode = S_REG | 07000 }, "--S--S--T" },
	{ "%B", { .name = "f", .mode = S_REG | 07111 }, "--s--s--t" },
	/* times outside the 4-digit years */
	{ "%M", { .name = "f", .mode = S_REG | 0644, .mtime = 253402300800 },
	  "10000/01/01-00:00:0" },
};

static void setup(void)
{
	setenv("TZ", "UTC0", 1);
	tzset();
}

static void teardown(void)
{
}

static void check_vec(const struct vec *v, int i)
{
	char out[8192];
	int n = logfmt_line(v->fmt, &v->it, out, sizeof out);

	REQUIRE(n >= 0, "case %d (%s): returned %d", i, v->fmt, n);
	REQUIRE(strcmp(out, v->want) == 0, "case %d (%s):\n got  \"%s\"\n want \"%s\"",
		i, v->fmt, out, v->want);
	REQUIRE((size_t)n == strlen(v->want), "case %d: length %d", i, n);
}

START_TEST(test_recorded)
{
	check_vec(&vectors[_i], _i);
}
END_TEST

START_TEST(test_rules)
{
	check_vec(&rules[_i], _i);
}
END_TEST

/* rsync -n with sparse files of these sizes, --out-format="%l|%'l|%''l|%'''l" */
static const struct {
	int64_t size;
	const char *want;
} sizes[] = {
	{ 0, "0|0|0|0" },
	{ 1, "1|1|1|1" },
	{ 999, "999|999|999|999" },
	{ 1000, "1000|1,000|1.00K|1,000" },
	{ 1023, "1023|1,023|1.02K|1,023" },
	{ 1024, "1024|1,024|1.02K|1.00K" },
	{ 1025, "1025|1,025|1.02K|1.00K" },
	{ 4096, "4096|4,096|4.10K|4.00K" },
	{ 9999, "9999|9,999|10.00K|9.76K" },
	{ 10239, "10239|10,239|10.24K|10.00K" },
	{ 10240, "10240|10,240|10.24K|10.00K" },
	{ 999999, "999999|999,999|1000.00K|976.56K" },
	{ 1000000, "1000000|1,000,000|1.00M|976.56K" },
	{ 1048575, "1048575|1,048,575|1.05M|1024.00K" },
	{ 1048576, "1048576|1,048,576|1.05M|1.00M" },
	{ 1073741823, "1073741823|1,073,741,823|1.07G|1024.00M" },
	{ 1073741824, "1073741824|1,073,741,824|1.07G|1.00G" },
	{ 999999999999, "999999999999|999,999,999,999|1000.00G|931.32G" },
	{ 1000000000000, "1000000000000|1,000,000,000,000|1.00T|931.32G" },
	{ 1099511627776, "1099511627776|1,099,511,627,776|1.10T|1.00T" },
};

START_TEST(test_sizes)
{
	struct logfmt_item it = {
		.name = "f", .mode = S_REG | 0644, .size = sizes[_i].size,
		.iflags = NEW_XFER, .dry_run = 1, OPT_A,
	};
	char out[256];

	ck_assert_int_ge(logfmt_line("%l|%'l|%''l|%'''l", &it, out, sizeof out), 0);
	ck_assert_str_eq(out, sizes[_i].want);
}
END_TEST

/* --stats and the summary with --no-h, (none), -h, -hh, -hhh: levels 0-4.
 * Recorded: a dry run over 130 files of 17592186040320 bytes (sent 417,
 * received 1992, in under a second), a pull of 2287189 bytes (sent 172,
 * received 2288205), and smaller runs. */
static const struct {
	int64_t n;
	int human;
	const char *want;
} nums[] = {
	{ 2286984185241600, 0, "2286984185241600" },
	{ 2286984185241600, 1, "2,286,984,185,241,600" },
	{ 2286984185241600, 2, "2.29P" },
	{ 2286984185241600, 3, "2.03P" },
	{ 2286984185241600, 4, "2.03P" },
	{ 1584, 1, "1,584" },
	{ 1584, 2, "1.58K" },
	{ 1584, 3, "1.55K" },
	{ 1992, 2, "1.99K" },
	{ 1992, 3, "1.95K" },
	{ 417, 2, "417" },
	{ 417, 3, "417" },
	{ 2287189, 0, "2287189" },
	{ 2287189, 1, "2,287,189" },
	{ 2287189, 2, "2.29M" },
	{ 2287189, 3, "2.18M" },
	{ 2288205, 2, "2.29M" },
	{ 131, 1, "131" },
	{ 1239608, 1, "1,239,608" },
	/* rules: negative numbers and the extremes */
	{ -1234567, 0, "-1234567" },
	{ -1234567, 1, "-1,234,567" },
	{ -1500, 2, "-1.50K" },
	{ -999, 2, "-999" },
	{ -1000, 3, "-1,000" },
	{ INT64_MIN, 0, "-9223372036854775808" },
	{ INT64_MIN, 1, "-9,223,372,036,854,775,808" },
	{ INT64_MAX, 1, "9,223,372,036,854,775,807" },
	{ INT64_MAX, 2, "9223.37P" },
	{ INT64_MAX, 3, "8192.00P" },
	{ 1000000000000000, 2, "1.00P" },
	{ 999999999999999, 2, "1000.00T" },
};

START_TEST(test_nums)
{
	char buf[LOGFMT_NUM_SIZE];

	ck_assert_str_eq(logfmt_num(nums[_i].n, nums[_i].human, buf, sizeof buf),
			 nums[_i].want);
}
END_TEST

static const struct {
	double d;
	int human, decimals;
	const char *want;
} dnums[] = {
	/* bytes/sec: (sent + received) / 0.5 */
	{ 4818.0, 0, 2, "4818.00" },
	{ 4818.0, 1, 2, "4,818.00" },
	{ 4818.0, 2, 2, "4.82K" },
	{ 4818.0, 3, 2, "4.71K" },
	{ 4818.0, 4, 2, "4.71K" },
	{ 4576754.0, 0, 2, "4576754.00" },
	{ 4576754.0, 1, 2, "4,576,754.00" },
	{ 4576754.0, 2, 2, "4.58M" },
	{ 4576754.0, 3, 2, "4.36M" },
	{ 334 / 1.5, 1, 2, "222.67" },
	{ 166 / 0.5, 2, 2, "332.00" },
	/* speedup: comma_dnum */
	{ 2286984185241600.0 / 2409, 0, 2, "949350014629.14" },
	{ 2286984185241600.0 / 2409, 1, 2, "949,350,014,629.14" },
	{ 1239608.0 / 334, 1, 2, "3,711.40" },
	{ 2287189.0 / 2288377, 1, 2, "1.00" },
	{ 3.0 / 166, 1, 2, "0.02" },
	/* --stats times */
	{ 0.001, 1, 3, "0.001" },
	{ 0.0, 1, 3, "0.000" },
	/* rules */
	{ 1010.0, 3, 2, "1,010.00" },
	{ 999.999, 1, 2, "1000.00" },
	{ -4818.0, 1, 2, "-4,818.00" },
	{ -4818.0, 2, 2, "-4.82K" },
	{ 1234.5, 1, 0, "1,234" },
};

START_TEST(test_dnums)
{
	char buf[LOGFMT_NUM_SIZE];

	ck_assert_str_eq(logfmt_dnum(dnums[_i].d, dnums[_i].human, dnums[_i].decimals,
				     buf, sizeof buf),
			 dnums[_i].want);
}
END_TEST

START_TEST(test_num_small_buffer)
{
	char buf[4];

	ck_assert_str_eq(logfmt_num(1234567, 1, buf, sizeof buf), "1,2");
	ck_assert_str_eq(logfmt_num(1234567, 2, buf, sizeof buf), "1.2");
	ck_assert_str_eq(logfmt_dnum(4818.0, 1, 2, buf, sizeof buf), "4,8");
	ck_assert_str_eq(logfmt_num(7, 0, buf, 1), "");
}
END_TEST

START_TEST(test_has)
{
	ck_assert_int_eq(logfmt_has("%i %n%L", 'i'), 1);
	ck_assert_int_eq(logfmt_has("%i %n%L", 'o'), 0);
	ck_assert_int_eq(logfmt_has("%%i", 'i'), 0);
	ck_assert_int_eq(logfmt_has("%%%i", 'i'), 1);
	ck_assert_int_eq(logfmt_has("%'-5'o", 'o'), 1);
	ck_assert_int_eq(logfmt_has("%-0000000000000000000003b", 'b'), 1);
	ck_assert_int_eq(logfmt_has("%000000000000000000000003b", 'b'), 0);
	ck_assert_int_eq(logfmt_has("100%", 'i'), 0);
	ck_assert_int_eq(logfmt_has("%'", '\''), 0);
	ck_assert_int_eq(logfmt_has(NULL, 'i'), 0);
	ck_assert_int_eq(logfmt_has("%n %C", 'C'), 1);
}
END_TEST

START_TEST(test_itemize)
{
	struct logfmt_item it = { .name = "f", .mode = S_REG | 0644,
				  .iflags = NEW_XFER, OPT_A };
	char out[12];

	logfmt_itemize(&it, out);
	ck_assert_str_eq(out, ">f+++++++++");
	it.is_delete = 1;
	logfmt_itemize(&it, out);
	ck_assert_str_eq(out, "*deleting  ");
	it.is_delete = 0;
	it.iflags = ITEM_LOCAL_CHANGE | ITEM_XNAME_FOLLOWS | ITEM_IS_NEW;
	it.hlink = "g";
	logfmt_itemize(&it, out);
	ck_assert_str_eq(out, "hf+++++++++");
}
END_TEST

/* A line that only just fits, and rsync's own limits (recorded: a 4096-
 * byte format is taken and 4097 is "WAY too long"; "%4095n%1023n" gives
 * 5118 bytes, "%4095n%1024n" and "%1024n%4095n" are "buffer overflow
 * expanding %n"). */
START_TEST(test_limits)
{
	struct logfmt_item it = { .name = "mb", .mode = S_REG | 0644, OPT_A };
	static char fmt[6000], out[6000];
	char small[8];
	int n;

	n = logfmt_line("%n|%l", &it, small, sizeof small);
	ck_assert_int_eq(n, 4);
	ck_assert_str_eq(small, "mb|0");
	n = logfmt_line("%n|%l|x", &it, small, 6);
	ck_assert_int_eq(n, -1);
	n = logfmt_line("%n|%l", &it, small, 5);
	ck_assert_int_eq(n, 4);
	n = logfmt_line("%n|%l", &it, small, 4);
	ck_assert_int_eq(n, -1);
	n = logfmt_line("%n", &it, NULL, 0);
	ck_assert_int_eq(n, -1);

	memset(fmt, 'x', 4096);
	fmt[4096] = '\0';
	ck_assert_int_eq(logfmt_line(fmt, &it, out, sizeof out), 4096);
	fmt[4096] = 'y';
	fmt[4097] = '\0';
	ck_assert_int_eq(logfmt_line(fmt, &it, out, sizeof out), LOGFMT_TOO_LONG);
	memset(fmt, 'x', 4094);
	strcpy(fmt + 4094, "%n");
	ck_assert_int_eq(logfmt_line(fmt, &it, out, sizeof out), 4096);

	ck_assert_int_eq(logfmt_line("%4095n%1023n", &it, out, sizeof out), 5118);
	ck_assert_int_eq(logfmt_line("%1023n%4095n", &it, out, sizeof out), 5118);
	ck_assert_int_eq(logfmt_line("%4095n%1024n", &it, out, sizeof out),
			 LOGFMT_TOO_LONG);
	ck_assert_int_eq(logfmt_line("%1024n%4095n", &it, out, sizeof out),
			 LOGFMT_TOO_LONG);

	/* a width past rsync's path buffer is cut at 4095 bytes */
	n = logfmt_line("[     ][%5a][%-5h]%99999n", &it, out, sizeof out);
	ck_assert_int_eq(n, 18 + 4095);
	ck_assert_int_eq(out[18], ' ');
	ck_assert_int_eq(out[n - 1], ' ');	/* the name is cut off */
	n = logfmt_line("%-99999n", &it, out, sizeof out);
	ck_assert_int_eq(n, 4095);
	ck_assert_int_eq(strncmp(out, "mb   ", 5), 0);
	n = logfmt_line("%-99999L", &it, out, sizeof out);
	ck_assert_int_eq(n, 4095);
	/* the widest width printf takes, and one past it */
	n = logfmt_line("[%2147483647n]", &it, out, sizeof out);
	ck_assert_int_eq(n, 4097);
	n = logfmt_line("[%2147483648n]", &it, out, sizeof out);
	ck_assert_int_eq(n, 2);
	ck_assert_str_eq(out, "[]");
}
END_TEST

/* Long names: rsync's path buffer holds 4095 bytes and a name. */
START_TEST(test_long_name)
{
	static char name[4096], out[9000];
	struct logfmt_item it = { .mode = S_DIR | 0755, OPT_A };
	int n;

	memset(name, 'd', 4095);
	name[4095] = '\0';
	it.name = name;
	n = logfmt_line("%n", &it, out, sizeof out);
	ck_assert_int_eq(n, 4095);	/* no room for the "/" */
	name[4094] = '\0';
	n = logfmt_line("%n", &it, out, sizeof out);
	ck_assert_int_eq(n, 4095);
	ck_assert_int_eq(out[4094], '/');
	n = logfmt_line("%n%n", &it, out, sizeof out);
	ck_assert_int_eq(n, LOGFMT_TOO_LONG);
	it.mode = S_LNK | 0777;
	it.link = name;
	n = logfmt_line("%L", &it, out, sizeof out);
	ck_assert_int_eq(n, 4 + 4091);	/* the target is cut */
}
END_TEST

/* The summary's numbers (logfmt_num) for every int64_t: a sender's
 * statistics are any value, INT64_MIN included, which has no positive
 * counterpart (found by the sender-stream fuzz target: UBSan caught its
 * negation). */
START_TEST(test_num_extremes)
{
	static const struct {
		int64_t n;
		const char *want;
	} vec[] = {
		{0, "0"}, {999, "999"}, {1000, "1,000"}, {-1234567, "-1,234,567"},
		{INT64_MAX, "9,223,372,036,854,775,807"},
		{INT64_MIN, "-9,223,372,036,854,775,808"},
		{INT64_MIN + 1, "-9,223,372,036,854,775,807"},
	};
	char buf[32];

	for (size_t i = 0; i < ARRAY_LEN(vec); i++)
		ck_assert_str_eq(logfmt_num(vec[i].n, 1, buf, sizeof buf), vec[i].want);
	/* cut to the buffer */
	ck_assert_str_eq(logfmt_num(INT64_MIN, 1, buf, 6), "-9,22");
}
END_TEST

Suite *logfmt_suite(void)
{
	Suite *s = suite_create("logfmt");
	TCase *tc = tcase_create("logfmt");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, test_recorded, 0, (int)ARRAY_LEN(vectors));
	tcase_add_loop_test(tc, test_rules, 0, (int)ARRAY_LEN(rules));
	tcase_add_loop_test(tc, test_sizes, 0, (int)ARRAY_LEN(sizes));
	tcase_add_loop_test(tc, test_nums, 0, (int)ARRAY_LEN(nums));
	tcase_add_loop_test(tc, test_dnums, 0, (int)ARRAY_LEN(dnums));
	tcase_add_test(tc, test_num_small_buffer);
	tcase_add_test(tc, test_has);
	tcase_add_test(tc, test_itemize);
	tcase_add_test(tc, test_limits);
	tcase_add_test(tc, test_long_name);
	tcase_add_test(tc, test_num_extremes);
	suite_add_tcase(s, tc);
	return s;
}
