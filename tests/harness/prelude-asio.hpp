// The prelude with standalone Asio, for the fixtures that include <asio.hpp> (Asio's headers
// cost more than the rest of a program; other fixtures would only pay for its static objects).
#pragma once

#include "prelude.hpp"

#include <asio.hpp>
