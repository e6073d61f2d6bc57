// newsdex-search: all the work is in the library (newsdex/cli/search_command.h).
#include <iostream>

#include "newsdex/cli/search_command.h"

int main(int argc, char** argv) {
    return newsdex::cli::search_main(argc, argv, std::cout, std::cerr);
}
