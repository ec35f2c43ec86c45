// The HTTP request edge: Beast's parser with the server's limits and our conversion (ParseRawRequest),
// then what every request goes through — client address behind a proxy, cookies, form fields,
// query strings, the CSRF check.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "http/client.hpp"
#include "http/csrf.hpp"
#include "http/message.hpp"
#include "http/server/server.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace orientir::http;
    static AddressSet trusted = [] {
        AddressSet s;
        (void)s.Add("192.0.2.0/24");
        (void)s.Add("10.0.0.0/8");
        (void)s.Add("::1");
        return s;
    }();
    Request r;
    if (!ParseRawRequest(std::string_view(reinterpret_cast<const char*>(data), size), r)) return 0;
    ResolveClient(r, trusted);
    (void)r.Cookie("orientir_session");
    (void)r.Cookie(kCsrfCookie);
    (void)r.FormFields();
    (void)r.Query("q");
    (void)ParseQueryString(r.target);
    if (IsFormPost(r)) (void)CsrfValid(r);
    (void)CsrfToken(r);
    return 0;
}
