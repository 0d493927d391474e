#include "pipeline.hpp"

#include <chrono>
#include <thread>

void stage2(int& value) { stage3(++value); }
void stage4(int& value) { stage5(++value); }
void stage6(int& value) {
  ++value;
  std::this_thread::sleep_for(std::chrono::milliseconds(value));
}
