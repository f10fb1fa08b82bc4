#include <opus.h>
#include <opus_multistream.h>

// opus_*_ctl are variadic and their requests are macros: Swift cannot call them.
// One static inline wrapper per request we use.
static inline int nk_ms_enc_set_bitrate(OpusMSEncoder *e, opus_int32 v) { return opus_multistream_encoder_ctl(e, OPUS_SET_BITRATE(v)); }
static inline int nk_ms_enc_set_vbr(OpusMSEncoder *e, opus_int32 v) { return opus_multistream_encoder_ctl(e, OPUS_SET_VBR(v)); }
static inline int nk_ms_enc_set_vbr_constraint(OpusMSEncoder *e, opus_int32 v) { return opus_multistream_encoder_ctl(e, OPUS_SET_VBR_CONSTRAINT(v)); }
static inline int nk_ms_enc_set_complexity(OpusMSEncoder *e, opus_int32 v) { return opus_multistream_encoder_ctl(e, OPUS_SET_COMPLEXITY(v)); }
static inline int nk_ms_enc_set_signal(OpusMSEncoder *e, opus_int32 v) { return opus_multistream_encoder_ctl(e, OPUS_SET_SIGNAL(v)); }
static inline int nk_ms_enc_set_dtx(OpusMSEncoder *e, opus_int32 v) { return opus_multistream_encoder_ctl(e, OPUS_SET_DTX(v)); }
static inline int nk_ms_enc_get_lookahead(OpusMSEncoder *e, opus_int32 *v) { return opus_multistream_encoder_ctl(e, OPUS_GET_LOOKAHEAD(v)); }
static inline int nk_ms_dec_reset(OpusMSDecoder *d) { return opus_multistream_decoder_ctl(d, OPUS_RESET_STATE); }
static inline int nk_signal_voice(void) { return OPUS_SIGNAL_VOICE; }
static inline int nk_application_voip(void) { return OPUS_APPLICATION_VOIP; }
static inline int nk_ms_dec_set_gain(OpusMSDecoder *d, opus_int32 v) { return opus_multistream_decoder_ctl(d, OPUS_SET_GAIN(v)); }
