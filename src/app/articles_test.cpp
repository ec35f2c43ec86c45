// Articles and the review queue: submit → proposed facts → accept / merge / reject.
#include <gtest/gtest.h>
