/* The unit test suites; unit_main.c runs them all. */
#ifndef RELAY_TEST_SUITES_H
#define RELAY_TEST_SUITES_H

#include <check.h>

Suite *wire_suite(void);
Suite *options_suite(void);
Suite *plan_suite(void);
Suite *handshake_suite(void);
Suite *flist_suite(void);
Suite *sendstream_suite(void);
Suite *filter_suite(void);

#endif
