// Renders in worker processes: same pixels as in process; a crash, a panic, a
// timeout or an allocation past the memory limit is a refusal of that render
// only, and the next one works.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "bimi/svgps/render_sandbox.hpp"
#include "render_hostile.hpp"

namespace bimi::svgps {
namespace {

SandboxSettings settings(double seconds = 10, std::size_t memory_mib = 1024) {
  return {BIMI_RENDER_WORKER, {}, seconds, memory_mib};
}

std::string slow_text_logo() {
  // librsvg lays this out in about 12 s (quadratic in the characters of one
  // text chunk).
  return test::text_logo(9900);
}

TEST(RenderSandbox, SamePixelsAsInProcess) {
  SandboxRenderer sandbox(settings());
  for (int size : {1, 96, 192, 257}) {
    std::string error;
    auto direct = render_svg(test::good_logo(), size, error);
    RenderFailure failure;
    auto isolated = sandbox.render(test::good_logo(), size, failure);
    ASSERT_TRUE(direct && isolated) << failure.message;
    EXPECT_EQ(isolated->width, size);
    EXPECT_EQ(direct->rgba, isolated->rgba) << size;
  }
  RenderFailure failure;
  EXPECT_FALSE(sandbox.render("<svg", 16, failure));
  EXPECT_EQ(failure.kind, RenderFailure::Kind::invalid);
  EXPECT_FALSE(failure.message.empty());
}

TEST(RenderSandbox, APanicCostsOneRenderOnly) {
  SandboxRenderer sandbox(settings());
  RenderFailure failure;
  // Past render_logo's bounds on purpose: librsvg panics on this font size.
  EXPECT_FALSE(sandbox.render(test::text_logo(1, "1e8"), 96, failure));
  EXPECT_EQ(failure.kind, RenderFailure::Kind::limit);
  EXPECT_NE(failure.message.find("could not be rendered"), std::string::npos) << failure.message;
  EXPECT_TRUE(sandbox.render(test::good_logo(), 96, failure)) << failure.message;
}

TEST(RenderSandbox, TimeLimit) {
  SandboxRenderer sandbox(settings(1));
  RenderFailure failure;
  auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(sandbox.render(slow_text_logo(), 96, failure));
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(failure.kind, RenderFailure::Kind::limit);
  EXPECT_NE(failure.message.find("within 1 s"), std::string::npos) << failure.message;
  EXPECT_LT(seconds, 5.0);
  EXPECT_TRUE(sandbox.render(test::good_logo(), 32, failure)) << failure.message;
}

TEST(RenderSandbox, MemoryLimit) {
  SandboxRenderer sandbox(settings(10, 400));
  RenderFailure failure;
  // One 8192² surface is 256 MiB; librsvg needs a second one for the group's
  // opacity.
  std::string nested = "<rect width=\"100\" height=\"100\" fill=\"#00f\"/>";
  for (int i = 0; i < 4; ++i) nested = "<g opacity=\"0.5\">" + nested + "</g>";
  EXPECT_FALSE(sandbox.render(test::good_logo(nested), 8192, failure));
  EXPECT_EQ(failure.kind, RenderFailure::Kind::limit) << failure.message;
  EXPECT_TRUE(sandbox.render(test::good_logo(), 32, failure)) << failure.message;
}

TEST(RenderSandbox, ThreadsShareThePool) {
  SandboxRenderer sandbox(settings());
  std::string error;
  auto expected = render_svg(test::good_logo(), 64, error);
  ASSERT_TRUE(expected);
  std::vector<std::thread> threads;
  std::atomic<int> same{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 5; ++i) {
        RenderFailure failure;
        auto image = sandbox.render(test::good_logo(), 64, failure);
        if (image && image->rgba == expected->rgba) ++same;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(same.load(), 20);
}

TEST(RenderSandbox, AMissingWorkerIsAFailureNotACrash) {
  SandboxRenderer sandbox({"/nonexistent/bimi-worker", {}, 10, 1024});
  RenderFailure failure;
  EXPECT_FALSE(sandbox.render(test::good_logo(), 32, failure));
  EXPECT_FALSE(failure.message.empty());
}

TEST(RenderLogo, GoesThroughTheRendererItIsGiven) {
  SandboxRenderer sandbox(settings());
  Limits limits;
  limits.renderer = &sandbox;
  RenderFailure failure;
  auto image = render_logo(test::good_logo(), 48, limits, failure);
  std::string error;
  auto direct = render_svg(test::good_logo(), 48, error);
  ASSERT_TRUE(image && direct) << failure.message;
  EXPECT_EQ(image->rgba, direct->rgba);
}

}  // namespace
}  // namespace bimi::svgps
