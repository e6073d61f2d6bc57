#include "newsdex/error.h"
