/// @file
/// @brief A bounded multi-producer multi-consumer queue: the hand-over between indexing threads.
#pragma once
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>

namespace newsdex::index {

// Producers block while it is full, so that memory stays flat however fast the input comes;
// close() wakes everyone (pop then drains what is left, push fails).
template <typename T>
class BoundedQueue {
public:
    explicit BoundedQueue(std::size_t capacity) : m_capacity(capacity) {}

    bool push(T item) {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_not_full.wait(lock, [this] { return m_items.size() < m_capacity || m_closed; });
        if (m_closed) {
            return false;
        }
        m_items.push_back(std::move(item));
        m_not_empty.notify_one();
        return true;
    }

    std::optional<T> pop() {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_not_empty.wait(lock, [this] { return !m_items.empty() || m_closed; });
        if (m_items.empty()) {
            return std::nullopt;
        }
        T item = std::move(m_items.front());
        m_items.pop_front();
        m_not_full.notify_one();
        return item;
    }

    void close() {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_closed = true;
        m_not_empty.notify_all();
        m_not_full.notify_all();
    }

private:
    std::size_t m_capacity;
    std::deque<T> m_items;
    bool m_closed = false;
    std::mutex m_mutex;
    std::condition_variable m_not_empty;
    std::condition_variable m_not_full;
};

} // namespace newsdex::index
