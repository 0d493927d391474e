#include "pipeline.hpp"

void stage1(int& value) { stage2(++value); }
void stage3(int& value) { stage4(++value); }
void stage5(int& value) { stage6(++value); }
