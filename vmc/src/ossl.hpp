// Private: RAII handles for the OpenSSL types vmc uses, and the error-queue drain.
#pragma once

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/ct.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <string>
#include <string_view>
#include <vector>

#include "bimi/handle.hpp"

namespace bimi::vmc::ossl {

using bimi::Handle;

using Bio = Handle<BIO, BIO_free_all>;
using X509Ptr = Handle<X509, X509_free>;
using X509CrlPtr = Handle<X509_CRL, X509_CRL_free>;
using X509ReqPtr = Handle<X509_REQ, X509_REQ_free>;
using X509StorePtr = Handle<X509_STORE, X509_STORE_free>;
using X509StoreCtxPtr = Handle<X509_STORE_CTX, X509_STORE_CTX_free>;
using X509NamePtr = Handle<X509_NAME, X509_NAME_free>;
using X509ExtensionPtr = Handle<X509_EXTENSION, X509_EXTENSION_free>;
using EvpPkeyPtr = Handle<EVP_PKEY, EVP_PKEY_free>;
using EvpPkeyCtxPtr = Handle<EVP_PKEY_CTX, EVP_PKEY_CTX_free>;
using EvpMdCtxPtr = Handle<EVP_MD_CTX, EVP_MD_CTX_free>;
using Asn1ObjectPtr = Handle<ASN1_OBJECT, ASN1_OBJECT_free>;
using Asn1TimePtr = Handle<ASN1_TIME, ASN1_TIME_free>;
using Asn1OctetStringPtr = Handle<ASN1_OCTET_STRING, ASN1_OCTET_STRING_free>;
using GeneralNamesPtr = Handle<GENERAL_NAMES, GENERAL_NAMES_free>;
using ExtendedKeyUsagePtr = Handle<EXTENDED_KEY_USAGE, EXTENDED_KEY_USAGE_free>;
using CertificatePoliciesPtr = Handle<CERTIFICATEPOLICIES, CERTIFICATEPOLICIES_free>;
using CrlDistPointsPtr = Handle<CRL_DIST_POINTS, CRL_DIST_POINTS_free>;
using CtlogStorePtr = Handle<CTLOG_STORE, CTLOG_STORE_free>;
using CtPolicyEvalCtxPtr = Handle<CT_POLICY_EVAL_CTX, CT_POLICY_EVAL_CTX_free>;

inline void free_sct_list(STACK_OF(SCT) * list) { SCT_LIST_free(list); }
using SctListPtr = Handle<STACK_OF(SCT), free_sct_list>;

inline void free_x509_stack(STACK_OF(X509) * stack) { sk_X509_pop_free(stack, X509_free); }
using X509StackPtr = Handle<STACK_OF(X509), free_x509_stack>;

// Empties the OpenSSL error queue and returns its entries joined with "; " (empty when none).
std::string drain_errors();

// Clears the error queue; every public entry point calls this first.
inline void clear_errors() { ERR_clear_error(); }

// A memory BIO over bytes that outlive it.
Bio memory_bio(std::string_view bytes);

// Reads everything written to a memory BIO.
std::string bio_contents(BIO* bio);

// The numeric dotted form of an object identifier.
std::string oid_text(const ASN1_OBJECT* object);

// An object identifier from its dotted form (never null for the constants vmc uses).
Asn1ObjectPtr make_oid(const char* dotted);

// Certificate DER encoding.
std::string to_der(X509* cert);

// Seconds since the epoch of an ASN1_TIME, or false when it cannot be read.
bool to_unix(const ASN1_TIME* time, long long& out);

}  // namespace bimi::vmc::ossl
