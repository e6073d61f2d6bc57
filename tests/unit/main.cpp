#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdlib>

int main(int argc, char** argv) {
    // Caches the tests write (the gazetteer's binary tables) go into the build tree, never into
    // the user's ~/.cache: a test run leaves nothing behind outside the build.
    ::setenv("XDG_CACHE_HOME", NEWSDEX_TEST_CACHE_DIR, 1);
    doctest::Context context(argc, argv);
    return context.run();
}
