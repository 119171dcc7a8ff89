// Fully connected layer y = W x + b (torch.nn.Linear), and the Transformer's
// position-wise feed-forward block FF(x) = W2 relu(W1 x + b1) + b2.
#pragma once
#include "core/tensor/param_list.h"

namespace unroll {

struct DenseRef {
  int weight = -1, bias = -1;  // W out x in, b out x 1 (bias -1: none)
};

// PyTorch names prefix.weight / prefix.bias, zero values (init fills them).
template <class S>
DenseRef add_dense(ParamList<S>& P, const std::string& prefix, Index in, Index out,
                   bool bias = true);

// y = W x + b     out x N = (out x in)(in x N)
template <class S>
void dense_forward(const ParamList<S>& P, DenseRef r, const Mat<S>& x, Mat<S>& y);

// dW += dy x^T, db += row sums of dy; if dx: WRITES dx = W^T dy (in x N).
template <class S>
void dense_backward(ParamList<S>& P, DenseRef r, const Mat<S>& x, const Mat<S>& dy, Mat<S>* dx);

struct FeedForwardRef {
  DenseRef linear1, linear2;  // d -> ff -> d
};

template <class S>
struct FeedForwardCache {
  Mat<S> h;   // relu(W1 x + b1)   ff x N
  Mat<S> dh;  // dL/dh             ff x N
};

template <class S>
FeedForwardRef add_feed_forward(ParamList<S>& P, const std::string& prefix, Index d, Index ff);

// y = W2 relu(W1 x + b1) + b2     x, y: d x N
template <class S>
void feed_forward_forward(const ParamList<S>& P, FeedForwardRef r, const Mat<S>& x, Mat<S>& y,
                          FeedForwardCache<S>& c);
// WRITES dx (d x N).
template <class S>
void feed_forward_backward(ParamList<S>& P, FeedForwardRef r, const Mat<S>& x, const Mat<S>& dy,
                           FeedForwardCache<S>& c, Mat<S>& dx);

}  // namespace unroll
