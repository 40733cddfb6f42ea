/** Messages of 我要洽谈 (conversations) and 收藏 (favourites) (spread into `messages`). */
export const engageMessages = {
  'entity.conversation': { zh: '洽谈', en: 'conversation' },
  'entity.favourite': { zh: '收藏', en: 'saved item' },
  'err.conversation.tooShort': { zh: '留言至少 2 个字', en: 'Write at least 2 characters' },
  'err.conversation.tooLong': { zh: '留言不能超过 2000 字；材料请作为附件提供', en: 'A message may not exceed 2,000 characters; send documents as attachments' },
  'err.conversation.ownRecord': { zh: '这是您所在单位自己的记录，无需洽谈', en: 'This record belongs to your own organisation; there is no one to negotiate with' },
  'err.conversation.notPublished': { zh: '该记录尚未发布或已撤回，暂不能洽谈', en: 'This record is not published (or was withdrawn); it cannot be negotiated now' },
  'err.conversation.notMember': { zh: '您不是该单位的成员，不能以其名义洽谈', en: 'You are not a member of this organisation and cannot speak for it' },
  'err.conversation.ownerRole': { zh: '只有单位负责人可以代表单位答复洽谈', en: "Only the organisation's owner role may answer on its behalf" },
  'err.conversation.rate': { zh: '留言过于频繁：每 {minutes} 分钟最多 {max} 条，请稍后再试', en: 'Too many messages: at most {max} every {minutes} minutes; try again later' },
};
