// newsdex-index: all the work is in the library (newsdex/cli/index_command.h).
#include <iostream>

#include "newsdex/cli/index_command.h"

int main(int argc, char** argv) {
    return newsdex::cli::index_main(argc, argv, std::cout, std::cerr);
}
