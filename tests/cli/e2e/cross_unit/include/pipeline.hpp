// Six stages, alternating between pipeline_odd.cpp and pipeline_even.cpp; the last sleeps.
#pragma once

void stage1(int& value);
void stage2(int& value);
void stage3(int& value);
void stage4(int& value);
void stage5(int& value);
void stage6(int& value);
