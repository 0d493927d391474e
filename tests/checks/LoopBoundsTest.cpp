//===--- LoopBoundsTest.cpp - how many times a loop runs ------------------===//
//
// Tests for checks/utils/LoopBounds.h: the trip count the code shows for each loop.
//
//===----------------------------------------------------------------------===//

#include "AstFixture.h"
#include "utils/LoopBounds.h"

using namespace clang;
using namespace clang::ast_matchers;
namespace utils = clang::tidy::async::utils;

namespace async_lint::testing {
namespace {

class LoopBoundsTest : public AstTest {
protected:
  /// The trip of the only loop of Function, as "Kind" or "Kind:count" or "Kind:source".
  std::string trip(const std::string &Function) {
    const auto *Loop = find<Stmt>(
        stmt(anyOf(forStmt(), cxxForRangeStmt(), whileStmt(), doStmt()),
             hasAncestor(functionDecl(hasName(Function))),
             unless(hasAncestor(stmt(anyOf(forStmt(), cxxForRangeStmt(), whileStmt()))))));
    if (!Loop)
      return "no loop";
    utils::LoopTrip Trip = utils::analyzeTrip(*Loop, context());
    static constexpr const char *Names[] = {"Constant", "OverElements", "UntilEmpty", "UpTo",
                                            "While",    "UntilStopped", "CommandLine",
                                            "PerWorker", "Window"};
    std::string Out = Names[static_cast<int>(Trip.K)];
    if (Trip.K == utils::LoopTrip::Kind::Constant)
      return Out + ":" + std::to_string(Trip.Count);
    return Out + ":" + Trip.Source;
  }
};

TEST_F(LoopBoundsTest, ConstantsRunTimeSizesAndMachineBounds) {
  parse(R"cpp(
    #include <initializer_list>
    namespace std {
    template <class T> struct allocator {};
    template <class T> struct vector {
      vector();
      vector(std::initializer_list<T>, const allocator<T> & = allocator<T>());
      const T *begin() const; const T *end() const;
      T *begin(); T *end();
      unsigned long size() const;
      void reserve(unsigned long);
      void push_back(const T &);
      void swap(vector &);
    };
    template <class T> const T &min(const T &a, const T &b);
    }
    namespace seastar { struct smp { static unsigned count; }; }
    void use(int);
    constexpr unsigned long kMax = 8;
    void literal() { for (int r : std::vector<int>{0, 1, 2}) use(r); }
    void constVector() {
      const std::vector<int> replicas = {0, 1, 2, 3};
      for (int r : replicas) use(r);
    }
    void mutableVector(std::vector<int> &items) { for (int r : items) use(r); }
    void fill(std::vector<int> &);
    void unchangedLocal() {
      std::vector<int> feeds{1, 2, 3};
      for (int &f : feeds) use(++f);
    }
    void grownLocal(int extra) {
      std::vector<int> feeds{1, 2, 3};
      feeds.push_back(extra);
      for (int f : feeds) use(f);
    }
    void builtOnce(int a, int b) {
      std::vector<int> sections;
      sections.reserve(2);
      sections.push_back(a);
      if (b > 0)
        sections.push_back(b);
      for (int s : sections) use(s);
    }
    void builtInLoop() {
      std::vector<int> sections;
      for (int s : sections) {
        use(s);
        sections.push_back(s + 1); // a push_back the loop runs again
      }
    }
    void swappedLocal(std::vector<int> &other) {
      std::vector<int> feeds{1, 2, 3};
      other.swap(feeds);
      for (int f : feeds) use(f);
    }
    void filledLocal() {
      std::vector<int> feeds{1, 2, 3};
      fill(feeds);
      for (int f : feeds) use(f);
    }
    void perShard() { for (unsigned s = 0; s < seastar::smp::count; ++s) use(s); }
    void batch(unsigned long n) {
      unsigned long i = 0;
      for (unsigned long k = 0; k < 8 && i < n; ++k, ++i) use(k);
    }
    void window(unsigned long i, unsigned long n) {
      for (unsigned long j = i; j < std::min(i + 4, n); ++j) use(j);
    }
    void capped(const std::vector<int> &items) {
      const auto n = std::min(items.size(), kMax);
      for (unsigned long i = 0; i < n; ++i) use(i);
    }
    void uncapped(const std::vector<int> &items) {
      for (unsigned long i = 0; i < items.size(); ++i) use(i);
    }
    void guarded(const std::vector<int> &replicas, unsigned long most) {
      if (replicas.size() > most)
        throw 1;
      for (int r : replicas) use(r);
    }
    void guardLogsOnly(const std::vector<int> &replicas, unsigned long most) {
      if (replicas.size() > most)
        use(0);
      for (unsigned long i = 0; i < replicas.size(); ++i) use(i);
    }
  )cpp");
  EXPECT_EQ(trip("literal"), "Constant:3");
  EXPECT_EQ(trip("constVector"), "Constant:4");
  EXPECT_EQ(trip("mutableVector"), "OverElements:items");
  EXPECT_EQ(trip("unchangedLocal"), "Constant:3");
  EXPECT_EQ(trip("grownLocal"), "Constant:4");
  EXPECT_EQ(trip("builtOnce"), "Constant:2");
  EXPECT_EQ(trip("builtInLoop"), "OverElements:sections");
  EXPECT_EQ(trip("filledLocal"), "OverElements:feeds");
  EXPECT_EQ(trip("swappedLocal"), "OverElements:feeds");
  EXPECT_EQ(trip("perShard"), "PerWorker:seastar::smp::count");
  EXPECT_EQ(trip("batch"), "Constant:8");
  EXPECT_EQ(trip("window"), "Window:std::min(i + 4, n)");
  EXPECT_EQ(trip("capped"), "Window:std::min(items.size(), kMax)");
  EXPECT_EQ(trip("uncapped"), "OverElements:items");
  // A guard that leaves when the container is larger than a cap bounds the loop after it.
  EXPECT_EQ(trip("guarded"), "Window:most");
  EXPECT_EQ(trip("guardLogsOnly"), "OverElements:replicas");
}

// A data member's class caps it where it adds to it: a loop over it runs at most that often.
TEST_F(LoopBoundsTest, ContainersTheirClassCaps) {
  parse(R"cpp(
    namespace std {
    template <class T> struct set {
      const T *begin() const; const T *end() const;
      T *begin(); T *end();
      unsigned long size() const;
      bool empty() const;
      void insert(const T &);
      void insert(const T *, const T *);
      void erase(const T &);
      void swap(set &);
    };
    }
    void use(int);
    constexpr unsigned long kMax = 4;
    class Guarded {
      std::set<int> members_;
    public:
      bool join(int m) {
        if (members_.empty() || members_.size() >= kMax) return false;
        members_.insert(m);
        return true;
      }
      void leave(int m) { members_.erase(m); }
      void guardedLoop() { for (int m : members_) use(m); }
    };
    class Below {
      std::set<int> members_;
    public:
      void join(int m) { if (members_.size() < kMax && m > 0) members_.insert(m); }
      void belowLoop() { for (int m : members_) use(m); }
    };
    class GuardOutsideLoop {
      std::set<int> members_;
    public:
      void joinAll(const int *first, const int *last) {
        if (members_.size() >= kMax) return;
        for (; first != last; ++first) members_.insert(*first);
      }
      void outsideLoop() { for (int m : members_) use(m); }
    };
    class RangeInsert {
      std::set<int> members_;
    public:
      void join(const int *first, const int *last) {
        if (members_.size() >= kMax) return;
        members_.insert(first, last);
      }
      void rangeLoop() { for (int m : members_) use(m); }
    };
    class Swapped {
      std::set<int> members_;
    public:
      void join(int m) { if (members_.size() >= kMax) return; members_.insert(m); }
      void replace(std::set<int> &other) { members_.swap(other); }
      void swappedLoop() { for (int m : members_) use(m); }
    };
    struct Public {
      std::set<int> members_;
      void join(int m) { if (members_.size() >= kMax) return; members_.insert(m); }
      void publicLoop() { for (int m : members_) use(m); }
    };
    class Elsewhere {
      std::set<int> members_;
    public:
      void join(int m) { if (members_.size() >= kMax) return; members_.insert(m); }
      void restore();
      void elsewhereLoop() { for (int m : members_) use(m); }
    };
  )cpp");
  EXPECT_EQ(trip("guardedLoop"), "Window:kMax");
  EXPECT_EQ(trip("belowLoop"), "Window:kMax");
  // A guard before a loop of insertions caps none of them; a range insertion adds many.
  EXPECT_EQ(trip("outsideLoop"), "OverElements:members_");
  EXPECT_EQ(trip("rangeLoop"), "OverElements:members_");
  // Anything else that may grow it: a swap, code outside the class, a member defined elsewhere.
  EXPECT_EQ(trip("swappedLoop"), "OverElements:members_");
  EXPECT_EQ(trip("publicLoop"), "OverElements:members_");
  EXPECT_EQ(trip("elsewhereLoop"), "OverElements:members_");
}

TEST_F(LoopBoundsTest, WindowsTheCodeChoseAtRunTime) {
  parse(R"cpp(
    namespace std {
    template <class T> const T &min(const T &a, const T &b);
    struct iterator {
      int &operator*() const;
      iterator &operator++();
      bool operator==(const iterator &) const;
      iterator operator+(long) const;
    };
    template <class T> struct span {
      span(const T *first, unsigned long count);
      span subspan(unsigned long offset, unsigned long count) const;
      span &operator=(const span &);
      const T *begin() const; const T *end() const;
      unsigned long size() const;
    };
    }
    void use(int);
    void upTo(unsigned long window, unsigned long n) {
      for (unsigned long i = 0; i < std::min(window, n); ++i) use(i);
    }
    void subspanLocal(std::span<int> docs, unsigned long offset, unsigned long batch) {
      const auto window = docs.subspan(offset, std::min(batch, docs.size() - offset));
      for (int d : window) use(d);
    }
    void subspanUnchanged(std::span<int> docs, unsigned long offset) {
      auto window = docs.subspan(offset, std::min(32ul, docs.size() - offset));
      for (int d : window) use(d);
    }
    void spanOfAWindow(const int *items, unsigned long start, unsigned long size) {
      std::span<int> chunk(items + start, std::min(16ul, size - start));
      for (int d : chunk) use(d);
    }
    void subspanReassigned(std::span<int> docs, unsigned long offset) {
      auto window = docs.subspan(offset, std::min(32ul, docs.size() - offset));
      window = docs;
      for (int d : window) use(d);
    }
    void iterators(std::iterator first, unsigned long window, unsigned long left) {
      const auto n = std::min(window, left);
      for (auto it = first; it != first + static_cast<long>(n); ++it) use(*it);
    }
    void endUnchanged(unsigned long start, unsigned long n) {
      auto end = std::min(start + 64, n);
      for (unsigned long i = start; i < end; ++i) use(i);
    }
    void endMoved(unsigned long start, unsigned long n, unsigned long more) {
      auto end = std::min(start + 64, n);
      end += more;
      for (unsigned long i = start; i < end; ++i) use(i);
    }
    void untilEnd(std::iterator first, std::iterator last) {
      for (auto it = first; it != last; ++it) use(*it);
    }
    struct list { bool empty() const; int front() const; void pop_front();
                  unsigned long size() const; void push_back(int); };
    void fillsBatch(list &frontier, list &batch, unsigned long batch_size) {
      while (!frontier.empty() && batch.size() < batch_size) {
        batch.push_back(frontier.front());
        frontier.pop_front();
      }
    }
    void neverFills(list &frontier, list &batch, unsigned long batch_size) {
      while (!frontier.empty() && batch.size() < batch_size) frontier.pop_front();
    }
    void asManyAsInput(list &input, list &batch) {
      while (batch.size() < input.size()) batch.push_back(input.front());
    }
  )cpp");
  EXPECT_EQ(trip("upTo"), "Window:std::min(window, n)");
  EXPECT_EQ(trip("subspanLocal"), "Window:std::min(batch, docs.size() - offset)");
  // A local that nothing changes after its initialisation holds the window too.
  EXPECT_EQ(trip("subspanUnchanged"), "Window:std::min(32ul, docs.size() - offset)");
  EXPECT_EQ(trip("subspanReassigned"), "OverElements:window");
  EXPECT_EQ(trip("spanOfAWindow"), "Window:std::min(16ul, size - start)");
  EXPECT_EQ(trip("iterators"), "Window:std::min(window, left)");
  EXPECT_EQ(trip("endUnchanged"), "Window:std::min(start + 64, n)");
  EXPECT_EQ(trip("endMoved"), "UpTo:end");
  EXPECT_EQ(trip("untilEnd"), "While:it != last");
  EXPECT_EQ(trip("fillsBatch"), "Window:batch_size");
  EXPECT_EQ(trip("neverFills"), "While:!frontier.empty() && batch.size() < batch_size");
  EXPECT_EQ(trip("asManyAsInput"), "While:batch.size() < input.size()");
}

} // namespace
} // namespace async_lint::testing
