/** What the shopper reads during a handoff, in their language. */
export const HANDOFF_TEXT = {
  unansweredLead: {
    en: "Sorry, I couldn't answer that either, so I'm getting a person to help.",
    zh: '抱歉，这个问题我也没能回答，我来请同事帮您。',
  },
  downvoted: {
    en: (minutes: number) =>
      `Sorry my answers didn't help. I've asked a person from our team to join; the usual wait is about ${minutes} minutes. You can keep writing here.`,
    zh: (minutes: number) =>
      `抱歉我的回答没能帮到您。已为您转接人工客服，通常约 ${minutes} 分钟内回复，您可以继续在这里留言。`,
  },
  unclaimed: {
    en: 'Sorry, everyone on our team is busy right now. Leave your email address here and we will write back to you; your request stays open, so a person may still join this chat.',
    zh: '抱歉，客服同事暂时都在忙。您可以在这里留下邮箱，我们会通过邮件回复您；您的请求仍然有效，客服也可能随时加入对话。',
  },
  emailCaptured: {
    en: (email: string) =>
      `Thanks! We'll write to you at ${email}. Your request stays open, so a person may still reply here.`,
    zh: (email: string) => `谢谢！我们会发邮件到 ${email} 回复您。您的请求仍然有效，客服也可能在这里回复。`,
  },
  claimed: {
    en: (name: string) => `${name} from our team has joined the chat.`,
    zh: (name: string) => `${name} 已加入对话，为您服务。`,
  },
  releasedByMerchant: {
    en: (name: string) => `${name} has handed the chat back to me. I'm here if you need anything else.`,
    zh: (name: string) => `${name} 已将对话交还给我，还有什么可以帮您？`,
  },
  releasedIdle: {
    en: "Our team member has stepped away, so I'm back to help. I remember what we talked about.",
    zh: '客服同事暂时离开了，我继续为您服务，之前聊过的内容我都记得。',
  },
} as const;

// The handoff's callers (and the assistant) take the shopper's language from here, next to the texts it picks.
export { languageOf } from '../language/language';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;

/** The first email address in a shopper message, lower-cased. */
export function findEmail(text: string): string | undefined {
  return EMAIL.exec(text)?.[0].toLowerCase();
}
